import { createContext } from 'preact';

/**
 * True while components render into a static document (the exported HTML report): no script runs there, so
 * toggles become details/summary, nothing is cut short, and every row is rendered.
 */
export const StaticRender = createContext(false);

/** Where the rest of a list cut short can be seen: the popup sends to the full report, which is still reading. */
export const CutShortHint = createContext('open the full report');
