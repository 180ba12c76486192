import type { Category } from '../category';
import { choiceFromToggles, clip, withoutAdvertising, type Toggle } from './choice';
import { categoriesForName, jsonObject } from './names';
import type { ConsentSignal } from './types';

// Transcend Consent (airgap.js) keeps the choice in localStorage, never a cookie: `tcmConsent`, "a JSON object
// storing the user's consent state" (docs.transcend.io, consent reference, Privacy and security). Its FAQ gives each
// purpose's value: true = confirmed consent, false = unconfirmed consent or opted out, 'Auto' = unconfirmed but
// opted in by default; the record's `confirmed` is false while the consent comes from defaults. Purposes are named
// by the site: Transcend's own (Advertising, Analytics, Functional, SaleOfInfo, in its setConsent example) are
// mapped here, any other through names.ts; SaleOfInfo is the US sale opt-out and only ever withdraws advertising.
const PURPOSES: Readonly<Record<string, readonly Category[]>> = {
  Advertising: ['advertising', 'marketing'],
  Analytics: ['analytics'],
  Functional: ['functional'],
  Essential: ['necessary'],
};
const SALE_OF_INFO = 'SaleOfInfo';

/** Parses `tcmConsent`: a confirmed record only (defaults, 'Auto' included, are nobody's choice). */
export function parseTranscend(value: string): ConsentSignal | null {
  const record = jsonObject(value);
  const purposes = record?.purposes;
  if (record?.confirmed !== true || typeof purposes !== 'object' || purposes === null) return null;
  const entries = Object.entries(purposes as Record<string, unknown>).slice(0, 50);
  const toggles: Toggle[] = entries
    .filter(([id, v]) => id !== SALE_OF_INFO && (typeof v === 'boolean' || v === 'Auto'))
    // 'Auto' is a default the visitor did not confirm: consent-safe, it grants nothing.
    .map(([id, v]) => ({ id, granted: v === true, categories: PURPOSES[id] ?? categoriesForName(id) }));
  if (toggles.length === 0) return null;
  const choice = choiceFromToggles(toggles);
  const saleOptOut = (purposes as Record<string, unknown>)[SALE_OF_INFO] === false;
  return {
    tool: 'transcend',
    state: 'choice',
    via: 'storage:tcmConsent',
    raw: clip(value),
    choice: saleOptOut ? withoutAdvertising(choice) : choice,
    decoded: Object.fromEntries(entries.filter(([, v]) => typeof v === 'boolean' || v === 'Auto')),
  };
}
