/**
 * A stored visit travels to an extension page in pages, never in one message: a 50k-event visit as one answer is
 * tens of megabytes, which stalls the worker while it is serialised, and above 64 MiB Chrome refuses the message.
 * The background slices one derivation (a snapshot, so every page comes from the same evidence); the page asks
 * for the pages in turn and puts them together.
 */
import type { DerivedVisit, Party } from './evidence/derive';
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
  /**
   * Pages in all; the first page also carries the derivation without its findings, and without its parties when
   * there are more pages (a 50k-event page has thousands of unattributed hosts: they come with the items).
   */
  pages: number;
  head?: Omit<DerivedVisit, 'findings'>;
  /**
   * With the first page of a visit that takes more than one: the background's summary of the same derivation
   * (vendor rows and unknowns, cut as in the popup), so the vendors show while the later pages are read.
   */
  summary?: VisitSummary;
  findings: Finding[];
  entries: EvidenceEntry[];
  /** A later page's share of the parties (absent on a one-page visit, whose head holds them all). */
  parties?: Party[];
}

/**
 * How many pages a bundle takes: one when its findings and entries fit in one, else a first page with the
 * derivation and summary alone (a small message, so the verdict and vendors show at once), then the items.
 */
export function pageCount(bundle: VisitBundle): number {
  const { findings, parties } = bundle.derived;
  const items = Math.max(findings.length, parties.length, bundle.entries?.length ?? 0);
  return items <= PAGE_ITEMS ? 1 : 1 + Math.ceil(items / PAGE_ITEMS);
}

/**
 * Page `page` of a bundle. A one-page bundle is all in page 0; otherwise page 0 holds no items (its head no
 * parties), and page k the findings, entries and parties in [(k − 1) × PAGE_ITEMS, k × PAGE_ITEMS). `summary`
 * goes with page 0 when there are more.
 */
export function visitPage(
  bundle: VisitBundle,
  token: string,
  page: number,
  summary?: VisitSummary,
): VisitPage {
  const { findings, ...head } = bundle.derived;
  const pages = pageCount(bundle);
  if (pages === 1) return { token, page, pages, head, findings, entries: bundle.entries ?? [] };
  if (page === 0)
    return {
      token,
      page,
      pages,
      head: { ...head, parties: [] },
      ...(summary && { summary }),
      findings: [],
      entries: [],
    };
  const from = (page - 1) * PAGE_ITEMS;
  const slice = <T>(items: readonly T[]) => items.slice(from, from + PAGE_ITEMS);
  return {
    token,
    page,
    pages,
    findings: slice(findings),
    entries: slice(bundle.entries ?? []),
    parties: slice(head.parties),
  };
}

/** Asks for one page: `token` is absent for the first, which starts a snapshot. */
export type PageRequest = (args: { page: number; token?: string }) => Promise<VisitPage | null>;

/**
 * Told before each later page is asked for: the derivation without findings and parties (show `summary` for
 * its vendors), pages read so far, pages in all, and the first page's summary when it carried one.
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
  const parties = [...first.head.parties];
  for (let page = 1; page < first.pages; page++) {
    onProgress?.(first.head, page, first.pages, first.summary);
    const next = await request({ page, token: first.token });
    if (!next || next.token !== first.token || next.page !== page)
      throw new Error('the visit changed while it was read: open it again');
    findings.push(...next.findings);
    entries.push(...next.entries);
    parties.push(...(next.parties ?? []));
  }
  return { derived: { ...first.head, parties, findings }, entries };
}
