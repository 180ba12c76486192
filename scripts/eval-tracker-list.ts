// `npx tsx scripts/eval-tracker-list.ts [--json] [--list]`: how much of an independent tracker list the bundled
// database attributes. The list is @ghostery/trackerdb's (a devDependency for the benchmark, CC BY-NC-SA): read for
// evaluation only, never copied into data/ or the extension; what it finds missing is added only from vendors' own
// documentation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needsConsent } from '../lib/category';
import { classifyRequest } from '../lib/vendor-db/match';
import { loadNodeVendorIndex, ROOT } from './node-vendor-db';

interface Pattern {
  name: string;
  category: string;
  domains: string[];
}

/** The list's purposes that need consent: its domains should be attributed and never filed as exempt. */
const TRACKING = new Set(['advertising', 'site_analytics', 'pornvertising']);

const args = new Set(process.argv.slice(2));
const list = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', '@ghostery', 'trackerdb', 'dist', 'trackerdb.json'), 'utf8'),
) as { patterns: Record<string, Pattern> };
const index = loadNodeVendorIndex();

let domains = 0;
const missed: string[] = [];
const exempt: string[] = [];
const review: string[] = [];
for (const p of Object.values(list.patterns)) {
  if (!TRACKING.has(p.category)) continue;
  for (const domain of p.domains) {
    domains++;
    const c = classifyRequest(index, `https://${domain}/`, 'https://site.example/');
    if (c.vendor === null) missed.push(`${domain}\t${p.name}`);
    else if (c.category === 'unknown') review.push(`${domain}\t${p.name}\t→ ${c.vendorName}`);
    else if (!needsConsent(c.category)) exempt.push(`${domain}\t${p.name}\t→ ${c.vendorName}, ${c.category}`);
  }
}
const pct = (n: number) => ((100 * n) / domains).toFixed(1);
if (args.has('--list'))
  console.log(
    [
      ...missed.map((m) => `missed\t${m}`),
      ...exempt.map((e) => `exempt\t${e}`),
      ...review.map((r) => `review\t${r}`),
    ].join('\n'),
  );
console.log(
  `${domains} advertising/analytics domains of the list: ${missed.length} not attributed (${pct(missed.length)} %), ` +
    `${exempt.length} attributed but filed as needing no consent (${pct(exempt.length)} %), ` +
    `${review.length} attributed with no settled purpose ("unknown: needs review", ${pct(review.length)} %)`,
);
if (args.has('--json'))
  console.log(
    JSON.stringify({ domains, missed: missed.length, exempt: exempt.length, review: review.length }),
  );
