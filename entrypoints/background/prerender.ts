import type { ObservedRequest, RawRequestDetails } from '@/lib/request';

/**
 * Requests of prerendered documents wait here until the document is shown (its documentId commits in a tab):
 * a prerendered page the user never saw was not visited. Memory only and bounded; lost on worker restart,
 * which is acceptable because an unshown prerender is not evidence of anything.
 */
export type HeldKind = 'request' | 'sendHeaders' | 'headersReceived';
const held = new Map<string, { kind: HeldKind; details: RawRequestDetails; at: number }[]>();
const MAX_DOCS = 20;
const MAX_PER_DOC = 2000;

export function holdPrerender(
  req: ObservedRequest,
  details: RawRequestDetails,
  kind: HeldKind = 'request',
): void {
  if (!req.documentId) return;
  let list = held.get(req.documentId);
  if (!list) {
    if (held.size >= MAX_DOCS) held.delete(held.keys().next().value!);
    list = [];
    held.set(req.documentId, list);
  }
  if (list.length < MAX_PER_DOC) list.push({ kind, details, at: req.at });
}

/** Takes the held events of a document that just became visible, as if they had been live. */
export function takePrerendered(documentId: string | null): { kind: HeldKind; details: RawRequestDetails }[] {
  if (!documentId) return [];
  const list = held.get(documentId) ?? [];
  held.delete(documentId);
  return list.map(({ kind, details }) => ({ kind, details: { ...details, documentLifecycle: 'active' } }));
}
