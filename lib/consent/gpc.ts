import type { ConsentSignal } from './types';

/** The visitor's Global Privacy Control opt-out preference: evidence, not a banner choice. */
function gpcSignal(via: string, raw: string): ConsentSignal {
  return { tool: 'gpc', state: 'choice', evidence: 'gpc', via, raw, decoded: { optOut: true } };
}

/**
 * `Sec-GPC: 1` among request headers (webRequest `requestHeaders` shape or a plain record).
 * Any other value means no preference (GPC spec), so null.
 */
export function signalFromHeaders(
  headers: ReadonlyArray<{ name: string; value?: string }> | Readonly<Record<string, string | undefined>>,
): ConsentSignal | null {
  const list = Array.isArray(headers)
    ? (headers as ReadonlyArray<{ name: string; value?: string }>)
    : Object.entries(headers as Record<string, string | undefined>).map(([name, value]) => ({ name, value }));
  for (const h of list.slice(0, 500)) {
    if (typeof h?.name === 'string' && h.name.toLowerCase() === 'sec-gpc' && h.value?.trim() === '1') {
      return gpcSignal('header:Sec-GPC', '1');
    }
  }
  return null;
}

/** `navigator.globalPrivacyControl` as read by the main-world script: only `true` is a preference. */
export function signalFromNavigatorGpc(value: unknown): ConsentSignal | null {
  return value === true ? gpcSignal('navigator.globalPrivacyControl', 'true') : null;
}
