// `npx tsx scripts/facts-coverage.ts [--gaps]`: how many company facts carry evidence, over the whole of
// data/curated/company-facts.json and for the 100 advertising, analytics and marketing vendors most used in
// third-party-web (`totalOccurrences`), the set issue #12 asks about. `--gaps` lists, per company of that set, the
// facts still without evidence, and the vendors with no entry. The counts in data/README.md come from here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPANY_FACT_FIELDS, type CompanyFact } from '../lib/vendor-db/sources/curated';

const DATA = join(import.meta.dirname, '..', 'data');
const readJson = <T>(...path: string[]) => JSON.parse(readFileSync(join(DATA, ...path), 'utf8')) as T;

interface Entity {
  name: string;
  category?: string;
  totalOccurrences?: number;
}

const TOP_CATEGORIES = new Set(['ad', 'analytics', 'marketing']);

function main(argv: string[]): void {
  const entities = readJson<Entity[]>('sources', 'third-party-web', 'entities.json');
  const top = entities
    .filter((e) => TOP_CATEGORIES.has(e.category ?? '') && e.totalOccurrences)
    .sort((a, b) => b.totalOccurrences! - a.totalOccurrences!)
    .slice(0, 100);
  // Vendor id by any name a record goes by (third-party-web's entity name is one of them).
  const idByName = new Map<string, string>();
  for (const file of readdirSync(join(DATA, 'vendors')).filter((f) => f.endsWith('.json'))) {
    const r = readJson<{ id: string; name: string; aliases?: string[] }>('vendors', file);
    for (const n of [r.name, ...(r.aliases ?? [])]) if (!idByName.has(n)) idByName.set(n, r.id);
  }
  const facts = Object.entries(readJson<Record<string, CompanyFact>>('curated', 'company-facts.json')).filter(
    ([k]) => !k.startsWith('_'),
  );
  const byKey = new Map(facts);
  const entryOf = new Map(facts.flatMap(([k, f]) => f.vendors.map((v) => [v, k] as const)));
  const entryFor = (e: Entity) => entryOf.get(idByName.get(e.name) ?? '');
  const verified = (f: CompanyFact) => Object.keys(f.evidence ?? {});
  const count = (list: CompanyFact[]) =>
    Object.fromEntries(
      COMPANY_FACT_FIELDS.map((field) => [field, list.filter((f) => verified(f).includes(field)).length]),
    );

  const all = facts.map(([, f]) => f);
  console.log(
    `company-facts.json: ${all.length} entries, ${all.filter((f) => verified(f).length).length} with a verified fact,`,
    `${all.reduce((n, f) => n + verified(f).length, 0)} verified facts`,
    JSON.stringify(count(all)),
    `; ${all.filter((f) => f.country === undefined).length} without a country`,
  );
  const missing = top.filter((e) => !entryFor(e));
  // Per vendor, as issue #12 counts them (two vendors of one company count twice).
  const topKeys = top.map(entryFor).filter((k): k is string => !!k);
  const topFacts = topKeys.map((k) => byKey.get(k)!);
  console.log(
    `top ${top.length}: ${topFacts.length} with an entry,`,
    `${topFacts.filter((f) => verified(f).length).length} with a verified fact`,
    JSON.stringify(count(topFacts)),
  );
  if (!argv.includes('--gaps')) return;
  for (const key of new Set(topKeys)) {
    const f = byKey.get(key)!;
    const gaps = ['company', 'policy', 'country'].filter((field) => !verified(f).includes(field));
    if (f.country === 'US' && !verified(f).includes('dpf')) gaps.push('dpf');
    if (gaps.length) console.log(`${key}: ${gaps.join(', ')}`);
  }
  console.log(`no entry: ${missing.map((e) => e.name).join(', ') || 'none'}`);
}

main(process.argv.slice(2));
