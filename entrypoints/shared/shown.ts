/**
 * Runs `send` now, or once a prerendered page is shown (Chrome prerenders pages the visitor may open next; the
 * background drops a prerendered document's reports, which would otherwise land on the page the tab shows). Each
 * report keeps what it read and when: a document_start read is still from before the page's scripts ran.
 */
export function whenShown(send: () => void): void {
  const doc = document as Document & { prerendering?: boolean };
  if (doc.prerendering) doc.addEventListener('prerenderingchange', () => send(), { once: true });
  else send();
}
