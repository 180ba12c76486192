/**
 * A stored visit travels to an extension page in pages, never in one message: a 50k-event visit as one answer is
 * tens of megabytes, which stalls the worker while it is serialised, and above 64 MiB Chrome refuses the message.
 * The background slices one derivation (a snapshot, so every page comes from the same evidence); the page asks
 * for the pages in turn and puts them together.
 */
import type { DerivedVisit } from './evidence/derive';
import type { EvidenceEntry } from './evidence/types';
import type { Finding } from './findings';
import type { VisitBundle } from './messages';
import type { VisitSummary } from './report/summary';

/** Findings and evidence entries per page. */
export const PAGE_ITEMS = 5000;

export interface VisitPage {
  /** Names the snapshot the later pages come from. */
  token: string;
  page: number;
  /** Pages in all; the first page also carries the derivation without its findings. */
  pages: number;
  head?: Omit<DerivedVisit, 'findings'>;
  /**
   * With the first page of a visit that takes more than one: the background's summary of the same derivation
   * (vendor rows and unknowns, cut as in the popup), so the vendors show while the later pages are read.
   */
  summary?: VisitSummary;
  findings: Finding[];
  entries: EvidenceEntry[];
}

/**
 * How many pages a bundle takes: one when its findings and entries fit in one, else a first page with the
 * derivation and summary alone (a small message, so the verdict and vendors show at once), then the items.
 */
export function pageCount(bundle: VisitBundle): number {
  const items = Math.max(bundle.derived.findings.length, bundle.entries?.length ?? 0);
  return items <= PAGE_ITEMS ? 1 : 1 + Math.ceil(items / PAGE_ITEMS);
}

/**
 * Page `page` of a bundle. A one-page bundle is all in page 0; otherwise page 0 holds no items, and page k the
 * findings and entries in [(k − 1) × PAGE_ITEMS, k × PAGE_ITEMS). `summary` goes with page 0 when there are more.
 */
export function visitPage(
  bundle: VisitBundle,
  token: string,
  page: number,
  summary?: VisitSummary,
): VisitPage {
  const { findings, ...head } = bundle.derived;
  const pages = pageCount(bundle);
  const from = (pages === 1 ? page : page - 1) * PAGE_ITEMS;
  const items = pages > 1 && page === 0 ? 0 : PAGE_ITEMS;
  return {
    token,
    page,
    pages,
    ...(page === 0 && { head }),
    ...(page === 0 && pages > 1 && summary && { summary }),
    findings: findings.slice(from, from + items),
    entries: (bundle.entries ?? []).slice(from, from + items),
  };
}

/** Asks for one page: `token` is absent for the first, which starts a snapshot. */
export type PageRequest = (args: { page: number; token?: string }) => Promise<VisitPage | null>;

/**
 * Told before each later page is asked for: the derivation without findings, pages read so far, pages in all,
 * and the first page's summary when it carried one.
 */
export type PageProgress = (
  head: Omit<DerivedVisit, 'findings'>,
  read: number,
  pages: number,
  summary?: VisitSummary,
) => void;

/** The whole bundle, page by page; null when the visit is not stored. Throws on pages that do not fit together. */
export async function fetchVisitBundle(
  request: PageRequest,
  onProgress?: PageProgress,
): Promise<VisitBundle | null> {
  const first = await request({ page: 0 });
  if (!first) return null;
  if (!first.head) throw new Error('the first page of a visit has no derivation');
  const findings = [...first.findings];
  const entries = [...first.entries];
  for (let page = 1; page < first.pages; page++) {
    onProgress?.(first.head, page, first.pages, first.summary);
    const next = await request({ page, token: first.token });
    if (!next || next.token !== first.token || next.page !== page)
      throw new Error('the visit changed while it was read: open it again');
    findings.push(...next.findings);
    entries.push(...next.entries);
  }
  return { derived: { ...first.head, findings }, entries };
}
