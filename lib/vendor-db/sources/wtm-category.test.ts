// Issue #12, consent-safe categories: what a vendor known from WhoTracks.me 2022 is filed under, on small inputs
// and over the real data/vendors, and that an unknown-purpose vendor reaches the verdict as "needs review".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryOrUnknown } from '../../category';
import { deriveVisit } from '../../evidence/derive';
import { entry, visit } from '../../report/__fixtures__/visit';
import { groupVendors } from '../../report/vendors';
import { loadNodeVendorIndex } from '../../../scripts/node-vendor-db';
import { classifyRequest } from '../match';
import type { VendorRecord } from '../types';
import { buildRecords } from './build';
import { buildInput, ocdRow, wtmTracker } from './__fixtures__/build-input';
import { toVendorId } from './slug';
import { readWhoTracksMe, type WtmTracker } from './whotracksme';

/**
 * Written here, not imported: WhoTracks.me's own category definitions ("Tracker Categories", whotracks.me blog)
 * read as consent purposes. Consent purposes must keep their purpose; only infrastructure may be functional;
 * everything that names no purpose is unknown.
 */
const EXPECTED: Record<string, CategoryOrUnknown> = {
  advertising: 'advertising',
  pornvertising: 'advertising',
  site_analytics: 'analytics',
  telemetry: 'analytics',
  social_media: 'social',
  email: 'marketing',
  consent: 'consent',
  cdn: 'functional',
  hosting: 'functional',
  essential: 'functional',
  customer_interaction: 'unknown',
  audio_video_player: 'unknown',
  comments: 'unknown',
  misc: 'unknown',
  unknown: 'unknown',
  extensions: 'unknown',
};
/**
 * A vendor WhoTracks.me alone knows: "essential" alone is a label no other source backs (Contaxe's ad network and
 * MaxBounty's affiliate network carry it), so it is "needs review" there.
 */
const ALONE: Record<string, CategoryOrUnknown> = { ...EXPECTED, essential: 'unknown' };
const labelOf = (r: VendorRecord) => /^whotracksme-2022:(\w+)/.exec(r.categoryFrom ?? '')?.[1];
const CONSENT_PURPOSES = [
  'advertising',
  'pornvertising',
  'site_analytics',
  'telemetry',
  'social_media',
  'email',
];
const EXEMPT = new Set<CategoryOrUnknown>(['functional', 'necessary']);

const tracker = wtmTracker;

const input = (wtm: WtmTracker[], ocd: Record<string, unknown[]> = {}) => buildInput([], wtm, ocd);

describe('WhoTracks.me category → consent purpose (small inputs)', () => {
  it('keeps consent purposes, lets only infrastructure be functional, and files the rest as unknown', () => {
    const labels = Object.keys(EXPECTED);
    const { records } = buildRecords(input(labels.map((l, n) => tracker(`t${n}`, l, [`t${n}.example`]))));
    const got = Object.fromEntries(records.map((r) => [labelOf(r), r.category]));
    expect(got).toEqual(ALONE);
  });

  it('"essential" stays functional when another source backs it, and needs review when it stands alone', () => {
    const ocd = { Tagger: [ocdRow('c1', 'Functional', 'tagger_session')] };
    const backed = buildRecords(input([tracker('tagger', 'essential', ['tagger.example'])], ocd));
    expect(backed.records[0]!.category).toBe('functional');
    const alone = buildRecords(input([tracker('tagger', 'essential', ['tagger.example'])]));
    expect(alone.records[0]).toMatchObject({ category: 'unknown' });
    expect(alone.records[0]!.categoryFrom).toMatch(/essential.*no other source/);
  });

  it('an unknown vendor gets derived GDPR facts that say "needs review" and never "low risk" or "exempt"', () => {
    const [r] = buildRecords(input([tracker('chatty', 'customer_interaction', ['chatty.example'])])).records;
    expect(r!.category).toBe('unknown');
    expect(r!.gdpr.legalBasis.value).toMatch(/needs review.*Consent \(GDPR Art\. 6\(1\)\(a\)\)/);
    expect(r!.gdpr.eprivacy.value).toMatch(/needs review.*needing prior consent/);
    expect(r!.gdpr.risk.value).not.toBe('low');
    expect(r!.gdpr.consentText.value).not.toMatch(/website features|make this website work/);
  });

  it('a vendor the Open Cookie Database also knows: its cookie categories decide over a purpose-less label', () => {
    const ocd = { Chatty: [ocdRow('c1', 'Functional', 'chatty_session')] };
    const { records, report } = buildRecords(input([tracker('chatty', 'misc', ['chatty.example'])], ocd));
    expect(records.map((r) => [r.id, r.category])).toEqual([['chatty', 'functional']]);
    expect(report.fieldConflicts).toEqual([
      expect.objectContaining({ vendor: 'chatty', chosen: 'functional', values: expect.any(Array) }),
    ]);
    // A consent purpose from WhoTracks.me still beats functional cookies.
    const ads = buildRecords(input([tracker('chatty', 'advertising', ['chatty.example'])], ocd));
    expect(ads.records[0]!.category).toBe('advertising');
  });
});

// ---- Real data: data/vendors as the importer wrote it, against the pinned WhoTracks.me 2022 dump. ----
const DATA = join(import.meta.dirname, '../../../data');
const records: VendorRecord[] = readdirSync(join(DATA, 'vendors'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DATA, 'vendors', f), 'utf8')));
const trackers = readWhoTracksMe(readFileSync(join(DATA, 'sources/whotracksme-2022/trackerdb.sql'), 'utf8'));
const labelOfDomain = new Map(trackers.flatMap((t) => t.domains.map((d) => [d, t.category] as const)));
const labelsOfId = new Map<string, Set<string>>();
for (const t of trackers) {
  for (const id of [toVendorId(t.name), `${toVendorId(t.name)}-wtm`, `${toVendorId(t.id)}-wtm`])
    labelsOfId.set(id, new Set([...(labelsOfId.get(id) ?? []), t.category]));
}

/** Vendors known from WhoTracks.me alone: no other dataset, no curated category. */
const wtmOnly = records.filter((r) => {
  const ids = r.sources.map((s) => s.id);
  return (
    ids.includes('whotracksme-2022') &&
    !ids.includes('third-party-web') &&
    !ids.includes('open-cookie-database') &&
    !r.categoryFrom?.startsWith('curated')
  );
});

/** The raw WhoTracks.me labels of the trackers behind a record: by its domains, else by its name. */
function rawLabels(r: VendorRecord): string[] {
  const byDomain = r.domains.flatMap((d) => labelOfDomain.get(d) ?? []);
  return [...new Set(byDomain.length ? byDomain : [...(labelsOfId.get(r.id) ?? [])])].sort();
}

describe('real data: vendors known only from WhoTracks.me 2022', () => {
  it('are many, and each one can be traced to its WhoTracks.me tracker', () => {
    expect(wtmOnly.length).toBeGreaterThan(1800);
    expect(wtmOnly.filter((r) => rawLabels(r).length === 0).map((r) => r.id)).toEqual([]);
  });

  it('no vendor WhoTracks.me files under advertising, analytics, social or email is functional or necessary', () => {
    const exempt = wtmOnly.filter(
      (r) => rawLabels(r).some((l) => CONSENT_PURPOSES.includes(l)) && EXEMPT.has(r.category),
    );
    expect(exempt.map((r) => `${r.id}: ${r.category} (${rawLabels(r).join(', ')})`)).toEqual([]);
  });

  it('each takes the purpose its WhoTracks.me category implies; purpose-less ones are unknown', () => {
    const wrong = wtmOnly.filter((r) => {
      const labels = rawLabels(r);
      return labels.length === 1 && r.category !== ALONE[labels[0]!];
    });
    expect(wrong.map((r) => `${r.id}: ${r.category} (${rawLabels(r).join(', ')})`)).toEqual([]);
    const count = (c: CategoryOrUnknown) => wtmOnly.filter((r) => r.category === c).length;
    // Counts after the fix (2022 dump, pinned): at least this many, so the checks above cannot pass on nothing.
    expect(count('advertising')).toBeGreaterThan(1000);
    expect(count('analytics')).toBeGreaterThan(300);
    expect(count('unknown')).toBeGreaterThan(400);
    // Only CDN and hosting may be functional from WhoTracks.me alone; none is necessary.
    const functional = wtmOnly.filter((r) => EXEMPT.has(r.category));
    const infra = new Set(['cdn', 'hosting']);
    expect(records.filter((r) => ['contaxe', 'maxbounty'].includes(r.id)).map((r) => r.category)).toEqual([
      'unknown',
      'unknown',
    ]);
    expect(functional.filter((r) => !rawLabels(r).every((l) => infra.has(l))).map((r) => r.id)).toEqual([]);
    expect(functional.every((r) => r.category === 'functional')).toBe(true);
  });

  it('an ambiguous WhoTracks.me category is never filed as functional anywhere in the database', () => {
    const ambiguous = new Set(Object.keys(EXPECTED).filter((l) => EXPECTED[l] === 'unknown'));
    const bad = records.filter((r) => {
      const label = /^whotracksme-2022:(\w+)/.exec(r.categoryFrom ?? '')?.[1];
      return label !== undefined && ambiguous.has(label) && r.category !== 'unknown';
    });
    expect(bad.map((r) => `${r.id}: ${r.category} (${r.categoryFrom})`)).toEqual([]);
  });
});

describe('real data: an unknown-purpose vendor in the verdict', () => {
  const index = loadNodeVendorIndex();
  const PAGE = 'https://shop.example/';
  const pick = (c: CategoryOrUnknown) => wtmOnly.find((r) => r.category === c && r.domains.length > 0)!;

  it('is attributed, flagged for review and never counted as exempt', () => {
    const r = pick('unknown');
    const c = classifyRequest(index, `https://${r.domains[0]}/widget.js`, PAGE);
    expect(c).toMatchObject({ vendor: r.id, category: 'unknown', thirdParty: true });
    expect(c.reason).toContain('unknown: needs review');
    const d = deriveVisit(visit(), [entry({ host: r.domains[0]!, classification: c })]);
    expect(d.parties).toEqual([expect.objectContaining({ vendorId: r.id, review: true, violation: false })]);
    expect(d.verdict.review).toBe(1);
    expect(d.verdict.text).toContain('1 of unknown purpose: needs review');
    expect(groupVendors(d, [r]).map((g) => g.category)).toEqual(['unknown']);
  });

  it('a WhoTracks.me advertising vendor firing before consent is a violation', () => {
    const r = pick('advertising');
    const c = classifyRequest(index, `https://${r.domains[0]}/px.gif`, PAGE);
    expect(c).toMatchObject({ vendor: r.id, category: 'advertising' });
    const d = deriveVisit(visit(), [entry({ host: r.domains[0]!, classification: c })]);
    expect(d.parties[0]).toMatchObject({
      vendorId: r.id,
      violation: true,
      violationPhases: ['before-consent'],
    });
    expect(d.verdict.text).toMatch(/1 advertising tracker fired before consent/);
  });
});
