/** Which rows of a fixed-row-height list are in view: the arithmetic behind the virtualised report timeline. */

/**
 * Rows [start, end) to render for a list of `count` rows of `rowHeight` px scrolled to `scrollTop` in a viewport
 * of `viewHeight` px, with `overscan` extra rows above and below. Clamped to the list, so a stale scroll offset
 * past the end (after a filter shrank the list) still shows its last rows.
 */
export function visibleWindow(
  count: number,
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  overscan: number,
): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const inView = Math.ceil(Math.max(0, viewHeight) / rowHeight) + 1;
  const first = Math.min(Math.max(0, Math.floor(scrollTop / rowHeight)), Math.max(0, count - inView));
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + inView + overscan) };
}
