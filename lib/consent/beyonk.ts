import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName, fromBase64, jsonObject } from './names';
import type { ConsentSignal } from './types';

// Beyonk's GDPR Cookie Consent banner (npm @beyonk/gdpr-cookie-consent-banner 16.0.2, src/lib/Banner.svelte,
// setCookie; the web component `<cookie-consent-banner>` and the Svelte component alike): the site must name the
// cookie (`cookieName` has no default: "You must set gdpr cookie name"), so no name can be looked up. Its value is
// `btoa(JSON.stringify({ choices, fp }))`, written with js-cookie (which leaves base64 unencoded) only by the banner's
// buttons: "Reject all" (only `necessary` true), "Accept all" / "Accept selected" (the switches). `choices` maps each
// category the site kept (defaults necessary, tracking "for advertising purposes", analytics, marketing; a site may
// drop or add some) to a boolean; `fp`, a 32-character random id, is added when analytics or tracking is on. Every
// such value starts with the base64 of `{"choices":{`, a 12-byte (16-character, padding-free) prefix: the signature.
export const BEYONK_VALUE_START = 'eyJjaG9pY2VzIjp7';

const CHOICES: Readonly<Record<string, readonly Category[]>> = {
  necessary: ['necessary'],
  tracking: ['advertising'],
  analytics: ['analytics'],
  marketing: ['advertising', 'marketing'],
};
const KEY = /^[\w .-]{1,64}$/;
/** Far more than any record (four categories and a 32-character id take about 140 characters). */
const MAX_VALUE = 4096;

/** Parses Beyonk's record, whatever the cookie's name: all optional categories on = accept-all, none = reject-all. */
export function parseBeyonkGdprBanner(name: string, value: string): ConsentSignal | null {
  const v = safeDecode(value.trim());
  if (!v.startsWith(BEYONK_VALUE_START) || v.length > MAX_VALUE) return null;
  const json = fromBase64(v);
  const record = json === null ? null : jsonObject(json);
  const choices = record?.choices;
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) return null;
  const entries = Object.entries(choices as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 50) return null;
  const toggles: Toggle[] = [];
  for (const [id, granted] of entries) {
    if (!KEY.test(id) || typeof granted !== 'boolean') return null;
    toggles.push({
      id,
      granted,
      categories: Object.hasOwn(CHOICES, id) ? CHOICES[id]! : categoriesForName(id),
    });
  }
  return {
    tool: 'beyonk-gdpr-cookie-consent-banner',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
