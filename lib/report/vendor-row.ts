/**
 * What a vendor row holds, apart from how rows are built (`vendors.ts`): the popup's components read rows without
 * loading the derivation and the domain rules (the public suffix list) that build them.
 */
import type { CategoryOrUnknown } from '../category';
import type { Phase } from '../findings';
import type { VendorRecord } from '../vendor-db/types';

export interface CookieView {
  name: string;
  domain: string;
  party: 'first' | 'third';
  phase: Phase;
  violation: boolean;
  /** Lifetime observed on this page (from the cookie's expiry), e.g. "1 year" or "session". */
  observedLifetime: string | null;
  /** Retention text of the matching vendor-DB entry, verbatim, with its source id. */
  declaredDuration: string | null;
  declaredSource: string | null;
  /** Title of that source as the vendor record names it. */
  declaredSourceTitle: string | null;
  /** The vendor DB's caveat on this cookie entry, e.g. "Named only by this seed". */
  note: string | null;
  purpose: string | null;
  setBy: string | null;
  /** Top-level site of the cookie's partition (CHIPS / Total Cookie Protection), when partitioned. */
  partition: string | null;
}

export interface VendorRow {
  /** Vendor id, or `host:<host>` for unattributed findings. */
  key: string;
  vendorId: string | null;
  name: string;
  category: CategoryOrUnknown;
  vendor: VendorRecord | null;
  phases: Phase[];
  /** Phases in which at least one of the vendor's findings was a violation. */
  violationPhases: Phase[];
  beforeConsent: boolean;
  afterReject: boolean;
  violation: boolean;
  hosts: string[];
  cookies: CookieView[];
  /** How many hosts and cookies the vendor has here; `hosts`/`cookies` may hold only the first of them. */
  hostTotal: number;
  cookieTotal: number;
  requestCount: number;
  firstSeenAt: number;
  /**
   * Every request of the vendor here was its self-hostable software's request shape on a host no vendor list
   * names (a Matomo or Snowplow collector on the site's own domain): the site may run the software itself, and
   * then the vendor's company facts and transfer do not describe who receives the data.
   */
  siteHosted: boolean;
}

/**
 * A vendor row without its details (the vendor's record, cookies and hosts): what a summary carries, so the popup's
 * first message stays small at any visit size; the details of one row are asked for when it is opened.
 */
export type VendorRowHead = Omit<VendorRow, 'vendor' | 'cookies' | 'hosts'>;

/** Whether a row carries its details (a head from a summary does not). */
export function hasDetails(row: VendorRow | VendorRowHead): row is VendorRow {
  return 'vendor' in row;
}

export function rowHead({
  vendor: _vendor,
  cookies: _cookies,
  hosts: _hosts,
  ...head
}: VendorRow): VendorRowHead {
  return head;
}
