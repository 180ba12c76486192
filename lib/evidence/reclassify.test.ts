import { describe, expect, it } from 'vitest';
import { indexClassifier } from '../classifier';
import { cookieSighting, requestSighting, storageSighting, type Classifier } from '../record';
import { newVisit } from '../tab-state';
import { compileVendors } from '../vendor-db/compile';
import { loadVendorIndex } from '../vendor-db/load';
import { cookie, vendor } from '../vendor-db/__fixtures__/vendors';
import type { VendorRecord } from '../vendor-db/types';
import { deriveVisit } from './derive';
import { buildTimeline } from '../report/timeline';
import { needsReclassification, reclassify, storedEntries } from './reclassify';
import { folded } from './__fixtures__/fold';

const classifierOf = (records: VendorRecord[], hash: string): Classifier =>
  indexClassifier(loadVendorIndex(compileVendors(records, hash).index));

// The database a visit was recorded with: a shop platform's asset CDN filed as advertising, a widget unknown.
const before = classifierOf(
  [
    vendor('shop-platform', 'advertising', ['shopcdn.example']),
    vendor('beta-ads', 'advertising', ['beta-ads.example'], [cookie('beta_uid', { party: 'third' })]),
  ],
  'db-before',
);
// The update: the CDN corrected to functional, the widget host and its cookie added, beta-ads unchanged.
const after = classifierOf(
  [
    vendor('shop-platform', 'functional', ['shopcdn.example']),
    vendor('beta-ads', 'advertising', ['beta-ads.example'], [cookie('beta_uid', { party: 'third' })]),
    vendor('widget-co', 'analytics', ['widget.example'], [cookie('_wdg', { party: 'first' })]),
  ],
  'db-after',
);

const PAGE = 'https://store.test/';
const recorded = (classifiedWith?: string) => newVisit('v1', 1, PAGE, 1_000, false, classifiedWith);

const request = (url: string, at: number) => ({
  requestId: String(at),
  url,
  host: new URL(url).hostname,
  type: 'script',
  tabId: 1,
  frameId: 0,
  topFrame: false,
  initiator: PAGE,
  documentId: null,
  prerender: false,
  at,
});

describe('needsReclassification', () => {
  it('holds for a visit of another database or of none, not for one of the same', () => {
    expect(needsReclassification(recorded('db-before'), after)).toBe(true);
    expect(needsReclassification(recorded(undefined), after)).toBe(true);
    expect(needsReclassification(recorded('db-after'), after)).toBe(false);
    // A classifier that names no database (a test double, an index compiled in memory) files nothing again.
    expect(needsReclassification(recorded('db-before'), { ...after, database: undefined })).toBe(false);
  });
});

describe('reclassify', () => {
  const visit = recorded('db-before');
  const entries = folded(
    requestSighting(visit, request('https://shopcdn.example/theme.js', 2_000), before),
    requestSighting(visit, request('https://widget.example/w.js', 2_100), before),
    requestSighting(visit, request('https://beta-ads.example/px', 2_200), before),
  );

  it('takes a corrected category back to stored visits: the platform CDN is no longer a violation', () => {
    const old = deriveVisit(visit, entries);
    expect(old.parties.find((p) => p.vendorId === 'shop-platform')?.violation).toBe(true);
    const { entries: refiled, changed } = reclassify(visit, entries, after);
    const now = deriveVisit(visit, refiled);
    expect(now.parties.find((p) => p.vendorId === 'shop-platform')?.violation).toBe(false);
    // The advertiser is filed the same and still fires before any choice.
    expect(now.parties.find((p) => p.vendorId === 'beta-ads')?.violation).toBe(true);
    // The widget host the old database did not know is now its vendor's.
    expect(now.findings.find((f) => f.host === 'widget.example')?.vendorId).toBe('widget-co');
    expect(changed).toBe(2);
  });

  it('says in the reason what a changed finding was recorded as, and nothing for an unchanged one', () => {
    const refiled = reclassify(visit, entries, after).entries;
    const cdn = refiled.find((e) => e.host === 'shopcdn.example')!;
    expect(cdn.classification?.category).toBe('functional');
    expect(cdn.classification?.reason).toContain('recorded as Shop Platform, advertising');
    const ads = refiled.find((e) => e.host === 'beta-ads.example')!;
    expect(ads.classification?.reason).not.toContain('recorded as');
    // The finding and the report's timeline carry it as a field too.
    const findings = deriveVisit(visit, refiled).findings;
    expect(findings.find((f) => f.host === 'shopcdn.example')?.recordedAs).toBe('Shop Platform, advertising');
    expect(findings.find((f) => f.host === 'beta-ads.example')?.recordedAs).toBeUndefined();
    const row = buildTimeline(visit, findings, []).find((t) => t.label === 'shopcdn.example');
    expect(row?.recordedAs).toBe('Shop Platform, advertising');
  });

  it('leaves the stored entries as they were recorded (a later read files them again from the same evidence)', () => {
    const copy = structuredClone(entries);
    reclassify(visit, entries, after);
    expect(entries).toEqual(copy);
    expect(reclassify(visit, entries, after)).toEqual(reclassify(visit, entries, after));
  });

  it('keeps a vendor match the kept URL no longer gives (the fold may have matched another URL of the host)', () => {
    const dropped = classifierOf([vendor('widget-co', 'analytics', ['widget.example'])], 'db-dropped');
    const { entries: refiled } = reclassify(visit, entries, dropped);
    expect(refiled.find((e) => e.host === 'beta-ads.example')?.classification?.vendor).toBe('beta-ads');
  });

  it('folds entries whose keys the new database makes one, as the writer would have', () => {
    const pathRule = classifierOf(
      [
        {
          ...vendor('portal', 'functional', ['portal.example']),
          requestRules: [
            {
              hosts: ['portal.example'],
              path: '/ads/',
              label: 'ad beacon',
              category: 'advertising',
              source: 'fixture',
            },
          ],
        },
      ],
      'db-rule',
    );
    const ruled = folded(
      requestSighting(visit, request('https://portal.example/ads/hit', 3_000), pathRule),
      requestSighting(visit, request('https://portal.example/app.js', 3_100), pathRule),
    );
    expect(ruled.map((e) => e.key).sort()).toEqual(['portal.example', 'portal.example portal/ads/']);
    // A database without the rule files both under the host: one entry, both sightings counted.
    const hostOnly = classifierOf([vendor('portal', 'functional', ['portal.example'])], 'db-host');
    const { entries: merged } = reclassify(recorded('db-rule'), ruled, hostOnly);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.count).toBe(2);
    expect(merged[0]!.id).toBe('v1|request|portal.example');
  });

  it('files a cookie the new database names, and keeps a recorded guess that saw a value no longer stored', () => {
    const jar = folded(
      cookieSighting(
        visit,
        cookie1('_wdg', 'store.test', 'a1b2c3d4-e5f6-4a1b-8c9d-0e1f2a3b4c5d'),
        before,
        false,
      ),
      cookieSighting(
        visit,
        cookie1('_zz', 'store.test', 'f1e2d3c4-b5a6-4f1e-9d8c-7b6a5f4e3d2c'),
        before,
        false,
      ),
    );
    const guess = jar.find((e) => e.cookie?.name === '_zz')!.classification!;
    const { entries: refiled } = reclassify(visit, jar, after);
    expect(refiled.find((e) => e.cookie?.name === '_wdg')?.classification?.vendor).toBe('widget-co');
    expect(refiled.find((e) => e.cookie?.name === '_zz')?.classification).toEqual(guess);
  });

  it('keeps a consent manager cookie a consent record, and files storage keys too', () => {
    const items = folded(
      cookieSighting(visit, cookie1('OptanonConsent', 'store.test', 'groups=C0001:1'), before, false),
      storageSighting(
        visit,
        { area: 'localStorage', name: '_wdg', valueLength: 3, valueHash: 'h' },
        4_000,
        before,
      ),
    );
    const { entries: refiled } = reclassify(visit, items, after);
    expect(refiled.find((e) => e.kind === 'cookie')?.classification?.category).toBe('consent');
    expect(refiled.find((e) => e.kind === 'storage')?.classification?.vendor).toBe('widget-co');
  });
});

describe('storedEntries', () => {
  it('hands back the recorded entries untouched when the visit was recorded with the same database', () => {
    const visit = recorded('db-after');
    const entries = folded(requestSighting(visit, request('https://shopcdn.example/a.js', 2_000), after));
    expect(storedEntries(visit, entries, after)).toEqual({ visit, entries });
    expect(storedEntries(visit, entries, after).entries).toBe(entries);
    expect(storedEntries(visit, entries, undefined).entries).toBe(entries);
  });

  it('files again a visit recorded before visits were stamped', () => {
    const visit = recorded(undefined);
    const entries = folded(requestSighting(visit, request('https://shopcdn.example/a.js', 2_000), before));
    const { entries: filed, refiled, visit: stamped } = storedEntries(visit, entries, after);
    expect(refiled).toBe(1);
    expect(filed[0]!.classification?.category).toBe('functional');
    // The visit handed on (to exports too) names the database that filed its evidence; the stored one is unchanged.
    expect(stamped.classifiedWith).toBe(after.database);
    expect(visit.classifiedWith).toBeUndefined();
  });
});

function cookie1(name: string, domain: string, value: string) {
  return {
    name,
    value,
    domain,
    via: 'cookies-api',
    provenance: 'browser' as const,
    at: 2_500,
    lifetimeSeconds: 400 * 86_400,
  };
}
