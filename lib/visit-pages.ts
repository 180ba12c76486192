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

/** Findings and evidence entries per page. */
export const PAGE_ITEMS = 5000;

export interface VisitPage {
  /** Names the snapshot the later pages come from. */
  token: string;
  page: number;
  /** Pages in all; the first page also carries the derivation without its findings. */
  pages: number;
  head?: Omit<DerivedVisit, 'findings'>;
  findings: Finding[];
  entries: EvidenceEntry[];
}

/** How many pages a bundle takes. */
export function pageCount(bundle: VisitBundle): number {
  const items = Math.max(bundle.derived.findings.length, bundle.entries?.length ?? 0);
  return Math.max(1, Math.ceil(items / PAGE_ITEMS));
}

/** Page `page` of a bundle: the findings and entries in [page × PAGE_ITEMS, (page + 1) × PAGE_ITEMS). */
export function visitPage(bundle: VisitBundle, token: string, page: number): VisitPage {
  const { findings, ...head } = bundle.derived;
  const from = page * PAGE_ITEMS;
  return {
    token,
    page,
    pages: pageCount(bundle),
    ...(page === 0 && { head }),
    findings: findings.slice(from, from + PAGE_ITEMS),
    entries: (bundle.entries ?? []).slice(from, from + PAGE_ITEMS),
  };
}

/** Asks for one page: `token` is absent for the first, which starts a snapshot. */
export type PageRequest = (args: { page: number; token?: string }) => Promise<VisitPage | null>;

/** Told before each later page is asked for: the derivation without findings, pages read so far, pages in all. */
export type PageProgress = (head: Omit<DerivedVisit, 'findings'>, read: number, pages: number) => void;

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
    onProgress?.(first.head, page, first.pages);
    const next = await request({ page, token: first.token });
    if (!next || next.token !== first.token || next.page !== page)
      throw new Error('the visit changed while it was read: open it again');
    findings.push(...next.findings);
    entries.push(...next.entries);
  }
  return { derived: { ...first.head, findings }, entries };
}
