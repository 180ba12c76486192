import { allOrNothing, choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName, fromBase64, jsonObject } from './names';
import type { ConsentChoice, ConsentSignal } from './types';

// Ethyca Fides (fides-js), from its own code in github.com/ethyca/fides, clients/fides-js/src:
// lib/cookie.ts @04eea02a1a76e42fc74d3313e425353b7197f04e: `CONSENT_COOKIE_NAME = "fides_consent"`, written as
// `JSON.stringify(cookie)` (or `base64_encode(…)` with `base64Cookie`) through `encodeURIComponent`; a new cookie is
// `{consent: defaultConsent || {}, identity, fides_meta: {version: "0.9.0", createdAt, updatedAt: ""}, tcf_consent: {},
// non_applicable_notice_keys: []}`. It is saved without an answer too: lib/set-identity.ts
// @c5317015fe7d702b5983eeb2e9d61dc5dbd6b230 `await saveFidesCookie(this.cookie, …)`, defaults and no method.
// The method is set only where preferences are saved, lib/preferences.ts @169d377282cb7ec4127d17c078ea4f6b61c26f3b:
// `Object.assign(cookie.fides_meta, { consentMethod }); // save extra details to meta (i.e. consentMethod)`.
// Values, lib/consent-types.ts @02b1725f1238b834812084599c69e66be393e317 `enum ConsentMethod { BUTTON = "button",
// REJECT = "reject", ACCEPT = "accept", SCRIPT = "script", SAVE = "save", DISMISS = "dismiss", GPC = "gpc",
// INDIVIDUAL_NOTICE = "individual_notice", ACKNOWLEDGE = "acknowledge" }`; migrations add `ConsentMethod.OT_MIGRATION`
// (lib/consent-migration/onetrust.ts @ea591590ecb9b7b7b16663a2ce3d4556c0dd5508) and `EXTERNAL_PROVIDER`.
// The visitor's own: components/notices/NoticeOverlay.tsx @b1d5fed6f481ac90b71657757b95a7d5d85d68cf
// `wasAutomated ? ConsentMethod.SCRIPT : ConsentMethod.ACCEPT` (REJECT alike; `fides_consent_override` passes
// wasAutomated), Reject all keeps on only `ConsentMechanism.NOTICE_ONLY` notices, and `handleDismiss` saves
// `ConsentMethod.DISMISS` with `initialEnabledNoticeKeys()` (the defaults); components/ConsentButtons.tsx
// @ddae0a0ce803a3516066317e323e8ca8b5d61eb0 `onSave(ConsentMethod.SAVE, enabledKeys)` (the modal's toggles) and
// `onSave(ConsentMethod.ACKNOWLEDGE, notices.map((n) => n.notice_key))` (every notice on, for a notice it shows).
// lib/automated-consent.ts @979f3617ca78c4ca5536f6722d27775c0b827f50: GPC is saved as `ConsentMethod.GPC`, a notice
// consent string as `SCRIPT`, a migrated record as its `migrationMethod`. So only accept, reject and save are read.
// Values may be booleans or, with fidesConsentFlagType, "opt_in" / "opt_out" / "acknowledge" / "not_applicable"
// (lib/consent-utils.ts, applyOverridesToConsent); non-applicable notices are skipped. TCF is read elsewhere.

const METHODS = new Set(['accept', 'reject', 'save']);

/** Parses `fides_consent`: a record saved by the visitor's Accept all, Reject all or Save. Null when unsure. */
export function parseFides(name: string, value: string): ConsentSignal | null {
  if (name !== 'fides_consent') return null;
  const text = safeDecode(value).trim();
  const record = jsonObject(text) ?? jsonObject(fromBase64(text) ?? '');
  const consent = record?.consent;
  const meta = record?.fides_meta;
  if (!record || !isObject(consent) || !isObject(meta)) return null;
  const method = meta.consentMethod;
  if (typeof method !== 'string' || !METHODS.has(method)) return null;
  const entries = Object.entries(consent);
  if (entries.length > 100) return null;
  const skip = new Set(
    Array.isArray(record.non_applicable_notice_keys) ? record.non_applicable_notice_keys : [],
  );
  const toggles: Toggle[] = [];
  for (const [key, v] of entries) {
    // Not applicable in the visitor's region, or notice-only ("acknowledge"): nothing was asked.
    if (skip.has(key) || v === 'not_applicable' || v === 'acknowledge') continue;
    const granted = v === true || v === 'opt_in' ? true : v === false || v === 'opt_out' ? false : null;
    if (granted === null) return null;
    toggles.push({ id: key, granted, categories: categoriesForName(key) });
  }
  const choice = chosen(method, toggles);
  if (!choice) return null;
  return {
    tool: 'fides',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice,
    decoded: { consentMethod: method, consent: Object.fromEntries(entries.slice(0, 50)) },
  };
}

/** Accept all turns every notice on, Reject all every one it can off; Save is read per notice. Contradictions: null. */
function chosen(method: string, toggles: readonly Toggle[]): ConsentChoice | null {
  if (toggles.length === 0) return null; // a TCF record, or notice-only: no notice answer here
  const on = toggles.filter((t) => t.granted).length;
  // A notice left on after Reject all is one the visitor could not switch off (notice-only; newer: disabled).
  if (method === 'reject') return on < toggles.length ? allOrNothing(false) : null;
  // Every notice on: what the notices cover, not every purpose (one no notice asked about stays unasked).
  if (method === 'accept') return on === toggles.length ? choiceFromToggles(toggles) : null;
  return choiceFromToggles(toggles);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
