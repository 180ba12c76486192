import type { Category } from '../category';
import { choiceFromToggles, clip, wholeAnswer, type Toggle } from './choice';
import { parseC15tStorage } from './c15t';
import { parseVanillaCookieConsent } from './cookieconsent';
import { parseDidomiToken } from './didomi';
import { choiceFromServiceMap, parseKlaro } from './klaro';
import { parseKetch } from './ketch';
import { jsonObject } from './names';
import { signalFromTcString } from './tcf';
import { parseTranscend } from './transcend';
import { parseVueCookieAcceptDecline, VUE_COOKIE_ACCEPT_DECLINE_PREFIX } from './vue-cookie-accept-decline';
import type { ConsentSignal } from './types';

/** Values longer than this are not a consent record we read (the content script caps at 16 KB too). */
const MAX_VALUE = 16384;

// Usercentrics CMP v2: localStorage `uc_settings` = JSON {controllerId, id, language, services:[{id,
// processorId, status, history:[{action, language, status, timestamp, type:"explicit"|"implicit", versions}]}],
// version}; `action` is one of Usercentrics' ConsentActionType values (onAcceptAllServices,
// onDenyAllServices, onUpdateServices, onEssentialChange, onInitialPageLoad, onNonEURegion…)
// (https://usercentrics.com/docs/web/features/api/interfaces/). Essential services stay `status: true`
// after "Deny all", so the last explicit action says what the visitor did, not the statuses.
function usercentricsV2(value: string): ConsentSignal | null {
  const services = jsonObject(value)?.services;
  if (!Array.isArray(services) || services.length === 0) return null;
  let last: { action: string; timestamp: number } | null = null;
  const statuses: Record<string, boolean> = {};
  for (const s of services.slice(0, 300) as Array<Record<string, unknown>>) {
    if (typeof s?.id === 'string' && typeof s.status === 'boolean') statuses[s.id] = s.status;
    for (const h of Array.isArray(s?.history) ? (s.history as Array<Record<string, unknown>>) : []) {
      if (h?.type !== 'explicit' || typeof h.action !== 'string' || typeof h.timestamp !== 'number') continue;
      if (!last || h.timestamp >= last.timestamp) last = { action: h.action, timestamp: h.timestamp };
    }
  }
  const base = {
    tool: 'usercentrics',
    state: 'choice' as const,
    via: 'storage:uc_settings',
    raw: clip(value),
  };
  const decoded = { lastAction: last?.action ?? null, at: last?.timestamp ?? null, services: statuses };
  if (!last) return null; // only implicit defaults (onInitialPageLoad): nobody chose yet
  if (last.action === 'onAcceptAllServices')
    return { ...base, decoded, choice: choiceFromServiceMap({ all: true }) };
  if (last.action === 'onDenyAllServices')
    return { ...base, decoded, choice: choiceFromServiceMap({ all: false }) };
  // A per-service update: service ids carry no category here, so what stayed on is unmapped.
  return { ...base, decoded, choice: choiceFromServiceMap(statuses, { named: false }) };
}

// Usercentrics Web CMP v3 (loader on `web.cmp.usercentrics.eu` / `web.<region>.cmp.usercentrics.eu`): localStorage
// `ucData` = JSON {gcm: {adStorage, analyticsStorage, …}, consent: {services: {<templateId>: {name, consent}}},
// ui: {language}}; v3 writes no `uc_settings`. Shape as Usercentrics' own blocker bundle reads it back
// (`services[id].consent`, read off uc-block.bundle.js in ryanbr/consent-rr's tests) and as
// @s-group/react-usercentrics types it (`types.v3.ts`). No field says implicit or explicit, and essential services
// stay `consent: true` after "Deny all" (as in v2), so only a whole answer is read: every service on = accept-all,
// every service off = reject-all. A mix (the defaults before any answer, a refusal keeping the essential ones, a
// custom choice) is not read: nothing here tells them apart, and a default must never stand as the visitor's choice.
function usercentricsV3(value: string): ConsentSignal | null {
  const record = jsonObject(value);
  const services = (record?.consent as Record<string, unknown> | undefined)?.services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return null;
  const statuses: Record<string, boolean> = {};
  for (const [id, s] of Object.entries(services).slice(0, 300)) {
    const consent = (s as Record<string, unknown> | null)?.consent;
    if (typeof consent === 'boolean') statuses[id] = consent;
  }
  const choice = wholeAnswer(Object.values(statuses));
  if (!choice) return null;
  const gcm = record?.gcm;
  return {
    tool: 'usercentrics',
    state: 'choice',
    via: 'storage:ucData',
    raw: clip(value),
    choice,
    decoded: { services: statuses, ...(typeof gcm === 'object' && gcm !== null && { gcm }) },
  };
}

// Usercentrics v1 (legacy): localStorage `usercentrics` = JSON {consents:[{templateId, consentStatus,
// isEssential, …}]}, the fields autoconsent's usercentrics-button rule reads
// (node_modules/@duckduckgo/autoconsent/lib/eval-snippets.ts EVAL_USERCENTRICS_BUTTON_0).
function usercentricsV1(value: string): ConsentSignal | null {
  const consents = jsonObject(value)?.consents;
  if (!Array.isArray(consents)) return null;
  const services: Record<string, boolean> = {};
  for (const c of consents.slice(0, 300) as Array<Record<string, unknown>>) {
    if (c?.isEssential === true || typeof c?.consentStatus !== 'boolean') continue;
    services[String(c.templateId ?? c.dataProcessor ?? Object.keys(services).length)] = c.consentStatus;
  }
  if (Object.keys(services).length === 0) return null;
  return {
    tool: 'usercentrics',
    state: 'choice',
    via: 'storage:usercentrics',
    raw: clip(value),
    choice: choiceFromServiceMap(services, { named: false }),
    decoded: { services },
  };
}

// Sourcepoint: localStorage `_sp_user_consent_<propertyId>` = JSON {gdpr:{euconsent, consentStatus:
// {rejectedAll, consentedAll, …}, …}, ccpa, gppData} (Sourcepoint's unified script; the gdpr.euconsent
// path is the one sites read back, see __fixtures__/managers.ts). The TC string carries the purposes.
function sourcepoint(key: string, value: string): ConsentSignal | null {
  const gdpr = jsonObject(value)?.gdpr as Record<string, unknown> | undefined;
  if (typeof gdpr !== 'object' || gdpr === null) return null;
  if (typeof gdpr.euconsent === 'string' && gdpr.euconsent) {
    const s = signalFromTcString(gdpr.euconsent, `storage:${key}`, 'sourcepoint');
    if (s) return s;
  }
  const status = gdpr.consentStatus as Record<string, unknown> | undefined;
  if (!status || typeof status !== 'object') return null;
  const base = { tool: 'sourcepoint', state: 'choice' as const, via: `storage:${key}`, raw: clip(value) };
  if (status.consentedAll === true) return { ...base, choice: choiceFromServiceMap({ all: true }) };
  if (status.rejectedAll === true) return { ...base, choice: choiceFromServiceMap({ all: false }) };
  return null;
}

/** Termly's categories; essential is always on, unclassified has no known meaning. */
const TERMLY: Record<string, readonly Category[]> = {
  performance: ['analytics'],
  analytics: ['analytics'],
  advertising: ['advertising', 'marketing'],
  social_networking: ['social'],
  unclassified: [],
};

// Termly: localStorage `TERMLY_API_CACHE` = JSON {TERMLY_COOKIE_CONSENT: {value: {essential, performance,
// analytics, advertising, social_networking, unclassified}}, …} (Termly's six consent categories; record
// shape as sites read it back, e.g. TERMLY_COOKIE_CONSENT.value.analytics; sample in __fixtures__/managers.ts).
function termly(value: string): ConsentSignal | null {
  const consent = (jsonObject(value)?.TERMLY_COOKIE_CONSENT as { value?: unknown } | undefined)?.value;
  if (typeof consent !== 'object' || consent === null) return null;
  const v = consent as Record<string, unknown>;
  const toggles: Toggle[] = Object.keys(TERMLY)
    .filter((k) => typeof v[k] === 'boolean')
    .map((k) => ({ id: k, granted: v[k] === true, categories: TERMLY[k] ?? [] }));
  if (toggles.length === 0) return null;
  return {
    tool: 'termly',
    state: 'choice',
    via: 'storage:TERMLY_API_CACHE',
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}

/** The same record some tools keep in localStorage instead of (or as well as) a cookie. */
function asCookie(
  parse: (name: string, value: string) => ConsentSignal | null,
  key: string,
  value: string,
): ConsentSignal | null {
  const s = parse(key, value);
  return s ? { ...s, via: `storage:${key}` } : null;
}

/**
 * The consent signal a localStorage item carries (as the content script reads it), or null when the key
 * is not a consent record we read or the value is malformed. Pure; never throws.
 */
export function signalFromStorage(key: string, value: string): ConsentSignal | null {
  if (typeof key !== 'string' || typeof value !== 'string' || value.length > MAX_VALUE) return null;
  try {
    if (key === 'uc_settings') return usercentricsV2(value);
    if (key === 'usercentrics') return usercentricsV1(value);
    if (key === 'ucData') return usercentricsV3(value);
    if (/^_sp_user_consent_\d{1,12}$/.test(key)) return sourcepoint(key, value);
    if (key === 'TERMLY_API_CACHE') return termly(value);
    if (key === 'tcmConsent') return parseTranscend(value);
    if (key === 'c15t' || key === 'privacy-consent-storage') return parseC15tStorage(key, value);
    if (key === 'cc_cookie') return asCookie(parseVanillaCookieConsent, key, value);
    if (key === 'klaro') return asCookie(parseKlaro, key, value);
    if (key === '_ketch_consent_v1_') return asCookie(parseKetch, key, value);
    if (key === 'didomi_token') return asCookie(parseDidomiToken, key, value);
    if (key === 'euconsent-v2') return signalFromTcString(value, `storage:${key}`);
    if (key.startsWith(VUE_COOKIE_ACCEPT_DECLINE_PREFIX))
      return asCookie(parseVueCookieAcceptDecline, key, value);
    return null;
  } catch {
    return null;
  }
}
