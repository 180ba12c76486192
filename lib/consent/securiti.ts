import { clip, safeDecode, wholeAnswer } from './choice';
import { fromBase64, jsonObject } from './names';
import type { ConsentSignal } from './types';

// Securiti: cookie `__privaci_cookie_consents` = JSON (URL-encoded, or base64) {consents: {<categoryId>: 1|0},
// implicit_consent, status:"record-consent-success", gcm, ts, …}, as real sites send it (captured Cookie headers
// in public code: {"consents":{"97":1,"98":1,"99":1,"100":1},…,"implicit_consent":false} after an accept, and
// {"1207":1,"1208":0,"1209":0,"1210":0} with the first category on). The category ids are the tenant's own and
// name no purpose, and the essential one stays on after a refusal, so only a whole answer is read: every
// category on = accept-all, every category off = reject-all. A mix (a refusal, a custom choice) is not read, and
// an implicit consent (`implicit_consent: true`: the site assumed it) is never the visitor's answer.
/** Parses Securiti's `__privaci_cookie_consents`. */
export function parseSecuriti(name: string, value: string): ConsentSignal | null {
  if (name !== '__privaci_cookie_consents') return null;
  const text = safeDecode(value);
  const record = jsonObject(text) ?? jsonObject(fromBase64(text) ?? '');
  const consents = record?.consents;
  if (!record || typeof consents !== 'object' || consents === null || Array.isArray(consents)) return null;
  if (record.implicit_consent === true) return null;
  const choice = wholeAnswer(
    Object.values(consents)
      .slice(0, 200)
      .filter((v) => v === 1 || v === 0 || typeof v === 'boolean')
      .map((v) => v === 1 || v === true),
  );
  if (!choice) return null;
  return {
    tool: 'securiti',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice,
    decoded: { consents: Object.fromEntries(Object.entries(consents).slice(0, 50)) },
  };
}
