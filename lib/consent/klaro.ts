import type { ConsentChoice, ConsentSignal } from './types';
import { allOrNothing, clip, safeDecode } from './choice';
import { jsonObject } from './names';

/**
 * A service → boolean map (Klaro, Orejime, Axeptio) as a choice. Service names are the site's own and the cookie
 * does not say which purpose each serves, so: every service on → accept-all; every service off → reject-all; a
 * mix → custom whose granted services stay unmapped (what it cannot map is "after an unclear choice":
 * we never claim a grant or a refusal we cannot show), and whose switched-off services are kept by name, so a
 * tracker of exactly that name counts as refused. Pass `named: false` when the keys are categories, not services.
 */
export function choiceFromServiceMap(
  services: Record<string, boolean>,
  { named = true }: { named?: boolean } = {},
): ConsentChoice {
  const names = Object.keys(services);
  const on = names.filter((n) => services[n]);
  if (on.length === names.length) return allOrNothing(true);
  if (on.length === 0) return allOrNothing(false);
  const off = names.filter((n) => !services[n]);
  return {
    kind: 'custom',
    granted: ['necessary'],
    unmapped: on.slice(0, 50),
    ...(named && { refused: off.slice(0, 50) }),
  };
}

/** Reads `{name: boolean}` JSON (URL-encoded or not); null when it is anything else. */
export function serviceMap(value: string): Record<string, boolean> | null {
  const obj = jsonObject(safeDecode(value)) ?? jsonObject(value);
  if (!obj) return null;
  const entries = Object.entries(obj)
    .filter((e): e is [string, boolean] => typeof e[1] === 'boolean')
    .slice(0, 200);
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

// Klaro: cookie `klaro` = encodeURIComponent(JSON.stringify(consents)), consents = {serviceName: bool}
// (source: node_modules/klaro/src/consent-manager.js saveConsents, klaro 0.7.22).
/** Parses Klaro's `klaro` cookie. */
export function parseKlaro(name: string, value: string): ConsentSignal | null {
  if (name !== 'klaro') return null;
  return signalFromServiceMap('klaro', `cookie:${name}`, value);
}

// Orejime (Klaro's fork): cookie `eu-consent` (v3 default; `orejime` before v3) = JSON {purposeId: bool}
// (source: node_modules/orejime/dist/orejime-standard-en.js cookie defaults, orejime 3.2.1; README "cookie").
/** Parses Orejime's consent cookie. */
export function parseOrejime(name: string, value: string): ConsentSignal | null {
  if (name !== 'eu-consent' && name !== 'orejime') return null;
  return signalFromServiceMap('orejime', `cookie:${name}`, value);
}

/** A service-map signal for `tool`, or null when the value is not a service map. */
export function signalFromServiceMap(tool: string, via: string, value: string): ConsentSignal | null {
  const services = serviceMap(value);
  if (!services) return null;
  return {
    tool,
    state: 'choice',
    via,
    raw: clip(value),
    choice: choiceFromServiceMap(services),
    decoded: { services },
  };
}
