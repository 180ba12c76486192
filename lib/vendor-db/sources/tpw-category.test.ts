// Issue #12, consent-safe categories: what a vendor known from third-party-web is filed under when its label
// names no consent purpose (utility, customer-success, content, video, other), on small inputs and real data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryOrUnknown } from '../../category';
import type { VendorRecord } from '../types';
import { buildRecords } from './build';
import { buildInput, ocdRow, wtmTracker } from './__fixtures__/build-input';
import type { TpwEntity } from './third-party-web';

/**
 * Written here, not imported: third-party-web's own category definitions (README "Third Parties by Category")
 * read as consent purposes. Only infrastructure (CDNs, hosting, the tag-manager loader itself) is functional.
 */
const EXPECTED: Record<string, CategoryOrUnknown> = {
  ad: 'advertising',
  analytics: 'analytics',
  marketing: 'marketing',
  social: 'social',
  'consent-provider': 'consent',
  cdn: 'functional',
  hosting: 'functional',
  'tag-manager': 'functional',
  utility: 'unknown',
  'customer-success': 'unknown',
  content: 'unknown',
  video: 'unknown',
  other: 'unknown',
};
const PURPOSELESS = Object.keys(EXPECTED).filter((l) => EXPECTED[l] === 'unknown');

const entity = (name: string, category: string, domains: string[]): TpwEntity => ({
  name,
  category,
  domains,
});
const tracker = wtmTracker;
const input = buildInput;

describe('third-party-web category → consent purpose (small inputs)', () => {
  it('keeps consent purposes and infrastructure, and files purpose-less labels as unknown', () => {
    const labels = Object.keys(EXPECTED);
    const { records } = buildRecords(
      input(labels.map((l, n) => entity(`Vendor ${n}`, l, [`v${n}.example`]))),
    );
    const got = Object.fromEntries(records.map((r) => [r.categoryFrom!.split(':')[1], r.category]));
    expect(got).toEqual(EXPECTED);
  });

  it('a purpose-less label gives way to the purpose WhoTracks.me names, and the conflict says why', () => {
    const { records, report } = buildRecords(
      input(
        [entity('Chatty', 'customer-success', ['chatty.example'])],
        [tracker('chatty', 'advertising', ['chatty.example'])],
      ),
    );
    expect(records.map((r) => [r.id, r.category])).toEqual([['chatty', 'advertising']]);
    expect(records[0]!.categoryFrom).toBe(
      'whotracksme-2022:advertising (third-party-web:customer-success names no purpose)',
    );
    expect(report.fieldConflicts).toEqual([
      expect.objectContaining({
        vendor: 'chatty',
        chosen: 'advertising',
        rule: 'third-party-web names no consent purpose: the purpose another source names decides',
      }),
    ]);
    // WhoTracks.me naming no purpose either: still unknown, never functional.
    const both = buildRecords(
      input([entity('Chatty', 'video', ['chatty.example'])], [tracker('chatty', 'misc', ['chatty.example'])]),
    );
    expect(both.records[0]!.category).toBe('unknown');
  });

  it('a purpose-less label gives way to the Open Cookie Database cookie categories (most privacy-relevant first)', () => {
    const ocd = {
      Chatty: [ocdRow('c1', 'Functional', 'chatty_session'), ocdRow('c2', 'Marketing', 'chatty_uid')],
    };
    const marketing = buildRecords(input([entity('Chatty', 'utility', ['chatty.example'])], [], ocd));
    expect(marketing.records.map((r) => [r.id, r.category])).toEqual([['chatty', 'marketing']]);
    const functional = buildRecords(
      input([entity('Chatty', 'utility', ['chatty.example'])], [], {
        Chatty: [ocdRow('c1', 'Functional', 'chatty_session')],
      }),
    );
    expect(functional.records[0]!.category).toBe('functional');
    expect(functional.records[0]!.categoryFrom).toBe(
      'open-cookie-database: most privacy-relevant cookie category (third-party-web:utility names no purpose)',
    );
  });

  it('an infrastructure label stays functional unless another source names a consent purpose', () => {
    const kept = buildRecords(
      input([entity('Edge', 'cdn', ['edge.example'])], [tracker('edge', 'cdn', ['edge.example'])]),
    );
    expect(kept.records[0]!.category).toBe('functional');
    const over = buildRecords(
      input([entity('Edge', 'cdn', ['edge.example'])], [tracker('edge', 'site_analytics', ['edge.example'])]),
    );
    expect(over.records[0]!.category).toBe('analytics');
  });
});

// ---- Real data: data/vendors as the importer wrote it. ----
const DATA = join(import.meta.dirname, '../../../data');
const records: VendorRecord[] = readdirSync(join(DATA, 'vendors'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DATA, 'vendors', f), 'utf8')));
const labelOf = (r: VendorRecord) => /third-party-web:([\w-]+)/.exec(r.categoryFrom ?? '')?.[1];

describe('real data: vendors whose third-party-web label names no consent purpose', () => {
  const purposeless = records.filter((r) => PURPOSELESS.includes(labelOf(r) ?? ''));

  it('are unknown unless another source or a curated entry names a purpose', () => {
    expect(purposeless.length).toBeGreaterThan(400);
    const silent = purposeless.filter(
      (r) =>
        r.category !== 'unknown' && !/whotracksme-2022:|open-cookie-database:|^curated/.test(r.categoryFrom!),
    );
    expect(silent.map((r) => `${r.id}: ${r.category} (${r.categoryFrom})`)).toEqual([]);
    const unknown = purposeless.filter((r) => r.category === 'unknown');
    expect(unknown.length).toBeGreaterThan(300);
    expect(unknown.every((r) => r.categoryFrom === `third-party-web:${labelOf(r)}`)).toBe(true);
  });

  it('only CDN, hosting and tag-manager labels are functional on third-party-web alone', () => {
    const alone = records.filter((r) => /^third-party-web:[\w-]+$/.test(r.categoryFrom ?? ''));
    const functional = alone.filter((r) => r.category === 'functional').map(labelOf);
    expect([...new Set(functional)].sort()).toEqual(['cdn', 'hosting', 'tag-manager']);
  });
});
