import { compileVendors } from '../compile';
import { loadVendorIndex } from '../load';
import {
  diffRegression,
  evaluateRegressionSet,
  type RegressionDiff,
  type RegressionEntry,
} from '../regression-eval';
import type { VendorRecord } from '../types';

/** What changed for one vendor between two builds. */
export interface VendorChange {
  id: string;
  fields: { field: string; before: string; after: string }[];
  domainsAdded: string[];
  domainsRemoved: string[];
  cookiesAdded: string[];
  cookiesRemoved: string[];
}

export interface RecordDiff {
  added: string[];
  removed: string[];
  changed: VendorChange[];
}

const cookieKey = (c: VendorRecord['cookies'][number]) =>
  `${c.name}${c.match === 'prefix' ? '*' : ''}${c.domain ? `@${c.domain}` : ''}`;

function minus(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => !set.has(x)).sort();
}

/** Compares the records of two builds (e.g. before and after an upstream dataset update), vendor by vendor. */
export function diffRecords(before: readonly VendorRecord[], after: readonly VendorRecord[]): RecordDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const changed: VendorChange[] = [];
  for (const [id, b] of old) {
    const a = now.get(id);
    if (!a) continue;
    const fields: VendorChange['fields'] = [];
    for (const f of ['name', 'company', 'country', 'category'] as const) {
      if (a[f] !== b[f]) fields.push({ field: f, before: String(b[f]), after: String(a[f]) });
    }
    if (a.gdpr.privacyPolicy.value !== b.gdpr.privacyPolicy.value)
      fields.push({
        field: 'privacyPolicy',
        before: String(b.gdpr.privacyPolicy.value),
        after: String(a.gdpr.privacyPolicy.value),
      });
    const change: VendorChange = {
      id,
      fields,
      domainsAdded: minus(a.domains, b.domains),
      domainsRemoved: minus(b.domains, a.domains),
      cookiesAdded: minus(a.cookies.map(cookieKey), b.cookies.map(cookieKey)),
      cookiesRemoved: minus(b.cookies.map(cookieKey), a.cookies.map(cookieKey)),
    };
    const any =
      fields.length +
      change.domainsAdded.length +
      change.domainsRemoved.length +
      change.cookiesAdded.length +
      change.cookiesRemoved.length;
    if (any > 0) changed.push(change);
  }
  return {
    added: minus([...now.keys()], [...old.keys()]),
    removed: minus([...old.keys()], [...now.keys()]),
    changed: changed.sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

/** The regression set run against the records of both builds: what the update breaks or fixes there. */
export function diffRegressionRuns(
  before: VendorRecord[],
  after: VendorRecord[],
  entries: readonly RegressionEntry[],
): RegressionDiff {
  const run = (records: VendorRecord[]) =>
    evaluateRegressionSet(loadVendorIndex(compileVendors(records).index), entries);
  return diffRegression(run(before), run(after));
}

function renderRegression(r: RegressionDiff): string[] {
  type F = RegressionDiff['newlyFailing'][number];
  const failing = (f: F) =>
    `- ${f.vendor}: ${f.kind} \`${f.subject}\`: ${f.aspect} ${f.got}, expected ${f.expected}`;
  const passing = (f: F) =>
    `- ${f.vendor}: ${f.kind} \`${f.subject}\`: ${f.aspect} was ${f.got}, now as expected`;
  const out = [
    '',
    '## Regression set (data/regression/vendor-docs.json)',
    '',
    `${r.newlyFailing.length} expectation(s) newly fail, ${r.newlyPassing.length} newly pass, ${r.stillFailing} fail before and after.`,
  ];
  if (r.newlyFailing.length) out.push('', '### Newly failing', '', ...r.newlyFailing.map(failing));
  if (r.newlyPassing.length) out.push('', '### Newly passing', '', ...r.newlyPassing.map(passing));
  return out;
}

/** The diff as Markdown, for a pull request that updates an upstream dataset. */
export function renderDiff(source: string, d: RecordDiff, regression?: RegressionDiff): string {
  const out = [
    `# Vendor database changes from the ${source} update`,
    '',
    `${d.added.length} vendor(s) added, ${d.removed.length} removed, ${d.changed.length} changed.`,
  ];
  if (d.added.length) out.push('', '## Added', '', ...d.added.map((id) => `- ${id}`));
  if (d.removed.length) out.push('', '## Removed', '', ...d.removed.map((id) => `- ${id}`));
  if (d.changed.length) {
    out.push('', '## Changed', '');
    for (const c of d.changed) {
      out.push(`### ${c.id}`);
      for (const f of c.fields) out.push(`- ${f.field}: ${f.before} → ${f.after}`);
      if (c.domainsAdded.length) out.push(`- domains added: ${c.domainsAdded.join(', ')}`);
      if (c.domainsRemoved.length) out.push(`- domains removed: ${c.domainsRemoved.join(', ')}`);
      if (c.cookiesAdded.length) out.push(`- cookies added: ${c.cookiesAdded.join(', ')}`);
      if (c.cookiesRemoved.length) out.push(`- cookies removed: ${c.cookiesRemoved.join(', ')}`);
    }
  }
  if (regression) out.push(...renderRegression(regression));
  return `${out.join('\n')}\n`;
}
