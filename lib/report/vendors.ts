/** Groups a visit's findings into vendor rows by category, violations first, plus the unknowns. */
import { CATEGORIES, type CategoryOrUnknown } from '../category';
import { PHASES, type Finding, type Phase } from '../findings';
import { partyKey, type DerivedVisit, type Party } from '../evidence/derive';
import { requestShapeOf } from '../record';
import type { VendorCookie, VendorRecord } from '../vendor-db/types';
import { sourceTitle } from './facts';
import { formatLifetime } from './format';
import type { CookieView, VendorRow, VendorRowHead } from './vendor-row';

export interface VendorGroup<Row extends VendorRow | VendorRowHead = VendorRow> {
  category: CategoryOrUnknown;
  rows: Row[];
  /** Rows in the group; `rows` may hold only the first of them. */
  rowTotal: number;
  violations: number;
}

/** Bounds for a view that shows a summary (the popup): the report shows everything. */
export interface GroupLimits {
  rowsPerGroup: number;
  itemsPerRow: number;
}

export interface UnknownItem {
  id: string;
  kind: Finding['kind'];
  label: string;
  host: string;
  reason: string;
  phase: Phase;
  violation: boolean;
  thirdParty: boolean;
  firstSeenAt: number;
}

/** The vendor-DB cookie entry a cookie name matches (exact name first, then the longest prefix). */
export function matchVendorCookie(vendor: VendorRecord | null, name: string): VendorCookie | null {
  if (!vendor) return null;
  const exact = vendor.cookies.find((c) => c.match === 'exact' && c.name === name);
  if (exact) return exact;
  const prefixes = vendor.cookies.filter((c) => c.match === 'prefix' && name.startsWith(c.name));
  return prefixes.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}

function observedLifetime(f: Finding): string | null {
  return f.lifetimeSeconds !== undefined ? formatLifetime(f.lifetimeSeconds) : null;
}

function cookieView(f: Finding, vendor: VendorRecord | null): CookieView {
  const name = f.cookieName ?? f.key;
  const domain = f.cookieDomain ?? f.host;
  const declared = matchVendorCookie(vendor, name);
  return {
    name,
    domain,
    party: f.thirdParty ? 'third' : 'first',
    phase: f.phase,
    violation: f.violation,
    observedLifetime: observedLifetime(f),
    declaredDuration: declared ? declared.durationText : null,
    declaredSource: declared ? declared.source : null,
    declaredSourceTitle: declared && vendor ? sourceTitle(vendor, declared.source) : null,
    note: declared?.note ?? null,
    purpose: declared ? declared.purpose : null,
    setBy: f.setBy ?? null,
    partition: f.partition ?? null,
  };
}

const CATEGORY_ORDER: CategoryOrUnknown[] = [...CATEGORIES, 'unknown'];

function rank(row: VendorRow): number {
  if (row.beforeConsent && row.violation) return 0;
  if (row.afterReject && row.violation) return 1;
  return row.violation ? 2 : 3;
}

function newRow(party: Party, vendor: VendorRecord | null): VendorRow {
  return {
    key: party.key,
    vendorId: party.vendorId,
    name: vendor?.name ?? party.name,
    category: party.category,
    vendor,
    phases: party.phases,
    violationPhases: party.violationPhases,
    beforeConsent: party.phases.includes('before-consent'),
    afterReject: party.phases.includes('after-reject'),
    violation: party.violation,
    hosts: [],
    cookies: [],
    hostTotal: 0,
    cookieTotal: 0,
    requestCount: 0,
    firstSeenAt: party.firstSeenAt,
    siteHosted: false,
  };
}

/** Whether a request finding was named by one of the vendor's self-hostable signatures (not by its host). */
function selfHostedHit(f: Finding, vendor: VendorRecord | null): boolean {
  const shape = requestShapeOf(f.key);
  return shape !== null && !!vendor?.signatures?.some((s) => s.id === shape && s.selfHosted === true);
}

/**
 * One row per party the verdict counts (every vendor, and any unattributed host with a violation), grouped by
 * the party's derived category in the UI's category order: the rows and the verdict come from one rule. Within
 * a group, vendors that fired before consent come first, then after a refusal, then the rest, then by first
 * sighting.
 */
export function groupVendors(
  derived: Pick<DerivedVisit, 'findings' | 'parties'>,
  vendors: VendorRecord[],
  limits?: GroupLimits,
): VendorGroup[] {
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const rows = new Map<string, VendorRow>();
  const hostsOf = new Map<VendorRow, Set<string>>();
  const cookieFindings = new Map<VendorRow, Finding[]>();
  // Rows with a request or a third-party cookie that was not a self-hosted signature hit: the vendor was reached.
  const reached = new Set<VendorRow>();
  for (const p of derived.parties) {
    if (p.vendorId || p.violation)
      rows.set(p.key, newRow(p, p.vendorId ? (byId.get(p.vendorId) ?? null) : null));
  }
  for (const f of derived.findings) {
    const row = rows.get(partyKey(f));
    if (!row) continue;
    const hosts = hostsOf.get(row) ?? hostsOf.set(row, new Set()).get(row)!;
    hosts.add(f.host);
    if (f.kind === 'cookie' || f.kind === 'storage') {
      (cookieFindings.get(row) ?? cookieFindings.set(row, []).get(row)!).push(f);
      if (f.thirdParty) reached.add(row);
    } else {
      row.requestCount += f.count;
      if (selfHostedHit(f, row.vendor)) row.siteHosted = true;
      else reached.add(row);
    }
  }
  for (const row of reached) row.siteHosted = false;
  const groups = new Map<CategoryOrUnknown, VendorRow[]>();
  for (const row of rows.values()) {
    const hosts = [...(hostsOf.get(row) ?? [])];
    const cookies = cookieFindings.get(row) ?? [];
    row.hostTotal = hosts.length;
    row.cookieTotal = cookies.length;
    row.hosts = limits ? hosts.slice(0, limits.itemsPerRow) : hosts;
    // Violations first, then by name; views of only the first cookies are built when a limit applies.
    cookies.sort(
      (a, b) =>
        Number(b.violation) - Number(a.violation) ||
        (a.cookieName ?? a.key).localeCompare(b.cookieName ?? b.key),
    );
    row.cookies = (limits ? cookies.slice(0, limits.itemsPerRow) : cookies).map((f) =>
      cookieView(f, row.vendor),
    );
    (groups.get(row.category) ?? groups.set(row.category, []).get(row.category)!).push(row);
  }
  return CATEGORY_ORDER.filter((c) => groups.has(c)).map((category) => {
    const list = groups.get(category)!.sort((a, b) => rank(a) - rank(b) || a.firstSeenAt - b.firstSeenAt);
    return {
      category,
      rows: limits ? list.slice(0, limits.rowsPerGroup) : list,
      rowTotal: list.length,
      violations: list.filter((r) => r.violation).length,
    };
  });
}

/**
 * One party's row with its details, as `groupVendors` makes it with the same limits (null when the visit has no
 * such row): what an opened row of a summary shows.
 */
export function vendorRowOf(
  derived: Pick<DerivedVisit, 'findings' | 'parties'>,
  vendors: VendorRecord[],
  key: string,
  limits?: GroupLimits,
): VendorRow | null {
  const parties = derived.parties.filter((p) => p.key === key);
  if (parties.length === 0) return null;
  const findings = derived.findings.filter((f) => partyKey(f) === key);
  return groupVendors({ findings, parties }, vendors, limits)[0]?.rows[0] ?? null;
}

/**
 * Findings the classifier could not attribute to a vendor, with its reason; violations first, then by time.
 * The site's own requests are left out (they are the page, not an unknown party); its cookies stay, because
 * a first-party cookie can still be a tracker's.
 */
export function unknownItems(findings: Finding[]): UnknownItem[] {
  return findings
    .filter((f) => !f.vendorId && !f.violation && (f.kind !== 'request' || f.thirdParty))
    .map((f) => ({
      id: f.id,
      kind: f.kind,
      label: f.kind === 'request' ? f.host : `${f.cookieName ?? f.key} @ ${f.cookieDomain ?? f.host}`,
      host: f.host,
      reason: f.reason,
      phase: f.phase,
      violation: f.violation,
      thirdParty: f.thirdParty,
      firstSeenAt: f.firstSeenAt,
    }))
    .sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.firstSeenAt - b.firstSeenAt);
}
