import { clip, safeDecode } from './choice';
import { choiceFromServiceMap } from './klaro';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Axeptio: cookie `axeptio_cookies` = URL-encoded JSON {"$$token":…, "$$date":…, "<vendor>": bool, …,
// "$$completed": bool}; `axeptio_authorized_vendors` = ",vendorA,vendorB," (",," after "refuse all", which
// autoconsent's axeptio rule checks: node_modules/@duckduckgo/autoconsent/rules/autoconsent/axeptio.json).
/** Parses Axeptio's two cookies. Vendor names are the site's own: a mix stays unmapped. */
export function parseAxeptio(name: string, value: string): ConsentSignal | null {
  const base = { tool: 'axeptio', state: 'choice' as const, via: `cookie:${name}`, raw: clip(value) };
  if (name === 'axeptio_authorized_vendors') {
    const vendors = safeDecode(value)
      .split(',')
      .filter((v) => v.trim().length > 0);
    const decoded = { authorizedVendors: vendors.slice(0, 200) };
    return vendors.length === 0
      ? { ...base, decoded, choice: { kind: 'reject-all', granted: ['necessary'] } }
      : { ...base, decoded };
  }
  if (name !== 'axeptio_cookies') return null;
  const obj = jsonObject(safeDecode(value));
  if (!obj) return base;
  const vendors = Object.fromEntries(
    Object.entries(obj)
      .filter((e): e is [string, boolean] => !e[0].startsWith('$$') && typeof e[1] === 'boolean')
      .slice(0, 200),
  );
  if (Object.keys(vendors).length === 0) return base;
  return { ...base, choice: choiceFromServiceMap(vendors), decoded: { vendors } };
}
