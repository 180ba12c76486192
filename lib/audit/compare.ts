/**
 * What changed between two audits of the same site: vendors, cookies and storage added or removed, cookies whose
 * lifetime changed, violations new or fixed (per vendor and phase), pages added or removed. Pure: compares two
 * site reports (lib/audit/site-report.ts), whose violations come from the one derivation.
 */
import type { CategoryOrUnknown } from '../category';
import { phaseLabel, type Phase } from '../findings';
import type { SiteItem, SiteReport, SiteVendor } from './site-report';

export const COMPARE_FORMAT = 'cookie-inspector/site-compare';

export interface VendorRef {
  key: string;
  name: string;
  category: CategoryOrUnknown;
  violation: boolean;
}

export interface ItemRef {
  key: string;
  type: SiteItem['type'];
  name: string;
  domain: string;
  vendorName: string | null;
  category: CategoryOrUnknown;
}

export interface LifetimeChange extends ItemRef {
  oldSeconds: number | null;
  newSeconds: number | null;
}

export interface ViolationRef {
  key: string;
  name: string;
  phase: Phase;
  /** Pages of the newer audit (new violations) or the older one (fixed) where the vendor violated. */
  pages: string[];
}

export interface SiteComparison {
  format: typeof COMPARE_FORMAT;
  site: string;
  old: { startUrl: string; auditedAt: number; pages: number };
  new: { startUrl: string; auditedAt: number; pages: number };
  vendors: { added: VendorRef[]; removed: VendorRef[] };
  cookies: { added: ItemRef[]; removed: ItemRef[]; lifetimeChanged: LifetimeChange[] };
  storage: { added: ItemRef[]; removed: ItemRef[] };
  violations: { new: ViolationRef[]; fixed: ViolationRef[] };
  pages: { added: string[]; removed: string[] };
  unchanged: boolean;
}

function vendorRef(v: SiteVendor): VendorRef {
  return { key: v.key, name: v.name, category: v.category, violation: v.violation };
}

function itemRef(i: SiteItem): ItemRef {
  return {
    key: i.key,
    type: i.type,
    name: i.name,
    domain: i.domain,
    vendorName: i.vendorName,
    category: i.category,
  };
}

/** Entries of `a` whose key is not in `b`. */
function missing<T extends { key: string }>(a: T[], b: T[]): T[] {
  const keys = new Set(b.map((x) => x.key));
  return a.filter((x) => !keys.has(x.key));
}

function violations(r: SiteReport): Map<string, ViolationRef> {
  const out = new Map<string, ViolationRef>();
  for (const v of r.vendors)
    for (const phase of v.violationPhases)
      out.set(`${v.key}|${phase}`, { key: v.key, name: v.name, phase, pages: v.violationPages });
  return out;
}

/** Compares an older and a newer audit of the same site. */
export function compareSiteReports(older: SiteReport, newer: SiteReport): SiteComparison {
  const oldLife = new Map(older.cookies.map((c) => [c.key, c.lifetimeSeconds]));
  const lifetimeChanged: LifetimeChange[] = [];
  for (const c of newer.cookies) {
    const before = oldLife.get(c.key);
    // Only lifetimes seen being set in both audits can be compared.
    if (before === undefined || c.lifetimeSeconds === undefined || before === c.lifetimeSeconds) continue;
    lifetimeChanged.push({ ...itemRef(c), oldSeconds: before, newSeconds: c.lifetimeSeconds });
  }
  const oldV = violations(older);
  const newV = violations(newer);
  const oldPages = older.pages.map((p) => p.url);
  const newPages = newer.pages.map((p) => p.url);
  const result: SiteComparison = {
    format: COMPARE_FORMAT,
    site: newer.site,
    old: { startUrl: older.startUrl, auditedAt: older.auditedAt, pages: older.pages.length },
    new: { startUrl: newer.startUrl, auditedAt: newer.auditedAt, pages: newer.pages.length },
    vendors: {
      added: missing(newer.vendors, older.vendors).map(vendorRef),
      removed: missing(older.vendors, newer.vendors).map(vendorRef),
    },
    cookies: {
      added: missing(newer.cookies, older.cookies).map(itemRef),
      removed: missing(older.cookies, newer.cookies).map(itemRef),
      lifetimeChanged,
    },
    storage: {
      added: missing(newer.storage, older.storage).map(itemRef),
      removed: missing(older.storage, newer.storage).map(itemRef),
    },
    violations: {
      new: [...newV].filter(([k]) => !oldV.has(k)).map(([, v]) => v),
      fixed: [...oldV].filter(([k]) => !newV.has(k)).map(([, v]) => v),
    },
    pages: {
      added: newPages.filter((p) => !oldPages.includes(p)),
      removed: oldPages.filter((p) => !newPages.includes(p)),
    },
    unchanged: false,
  };
  result.unchanged = changeLines(result).length === 0;
  return result;
}

function lifetimeText(s: number | null): string {
  return s === null ? 'session' : `${s} s`;
}

/** One human line per change, for the terminal and the summary. */
export function changeLines(c: SiteComparison): string[] {
  const lines: string[] = [];
  for (const v of c.vendors.added) lines.push(`+ vendor ${v.name} (${v.category})`);
  for (const v of c.vendors.removed) lines.push(`- vendor ${v.name} (${v.category})`);
  for (const i of c.cookies.added) lines.push(`+ cookie ${i.name} (${i.domain})`);
  for (const i of c.cookies.removed) lines.push(`- cookie ${i.name} (${i.domain})`);
  for (const i of c.cookies.lifetimeChanged)
    lines.push(
      `~ cookie ${i.name} (${i.domain}) lifetime ${lifetimeText(i.oldSeconds)} → ${lifetimeText(i.newSeconds)}`,
    );
  for (const i of c.storage.added) lines.push(`+ ${i.type} ${i.name}`);
  for (const i of c.storage.removed) lines.push(`- ${i.type} ${i.name}`);
  for (const v of c.violations.new) lines.push(`! new violation: ${v.name} ${phaseLabel(v.phase)}`);
  for (const v of c.violations.fixed) lines.push(`✓ fixed: ${v.name} no longer ${phaseLabel(v.phase)}`);
  for (const p of c.pages.added) lines.push(`+ page ${p}`);
  for (const p of c.pages.removed) lines.push(`- page ${p}`);
  return lines;
}
