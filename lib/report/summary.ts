/**
 * What the popup shows, computed in the background so the popup never receives a whole visit: the verdict,
 * the consent line, vendor rows without their details (lib/report/vendors.ts vendorRowOf makes one row's details
 * when it is opened), and the first unknowns (with the total).
 */
import type { Badge, DerivedVisit, Verdict } from '../evidence/derive';
import type { PageVisit } from '../findings';
import type { VendorRecord } from '../vendor-db/types';
import { rowHead, type VendorRowHead } from './vendor-row';
import { groupVendors, unknownItems, type GroupLimits, type UnknownItem, type VendorGroup } from './vendors';

export interface VisitSummary {
  visit: PageVisit;
  verdict: Verdict;
  consentState: string;
  /** Google Consent Mode / GPC lines. */
  signals: string[];
  badge: Badge;
  groups: VendorGroup<VendorRowHead>[];
  unknowns: UnknownItem[];
  /** All unknowns, of which `unknowns` holds the first UNKNOWN_LIMIT. */
  unknownTotal: number;
  findings: number;
}

export const UNKNOWN_LIMIT = 100;
/** The popup's vendor rows and each row's cookies and hosts: the first of them, with totals; the report has all. */
export const POPUP_LIMITS: GroupLimits = { rowsPerGroup: 60, itemsPerRow: 30 };

export function visitSummary(derived: DerivedVisit, vendors: VendorRecord[]): VisitSummary {
  const unknowns = unknownItems(derived.findings);
  return {
    visit: derived.visit,
    verdict: derived.verdict,
    consentState: derived.consentState,
    signals: derived.consent.signals,
    badge: derived.badge,
    groups: groupVendors(derived, vendors, POPUP_LIMITS).map((g) => ({ ...g, rows: g.rows.map(rowHead) })),
    unknowns: unknowns.slice(0, UNKNOWN_LIMIT),
    unknownTotal: unknowns.length,
    findings: derived.findings.length,
  };
}
