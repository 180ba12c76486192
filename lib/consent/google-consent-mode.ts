import { clip } from './choice';
import type { ConsentSignal } from './types';

export type GcmState = 'granted' | 'denied' | 'unset';

/** Decoded `gcs` / `gcd` parameters of one Google request. */
export interface GcmDecoded {
  gcs?: { ad_storage: GcmState; analytics_storage: GcmState };
  gcd?: Record<'ad_storage' | 'analytics_storage' | 'ad_user_data' | 'ad_personalization', GcmSignal>;
}

export interface GcmSignal {
  /** From `gtag('consent', 'default', …)`. */
  default: GcmState;
  /** From `gtag('consent', 'update', …)`, usually sent by the CMP once the visitor chose. */
  update: GcmState;
}

/** `gcs=G1xy`: x = ad_storage, y = analytics_storage, 1 granted / 0 denied. */
export function decodeGcs(gcs: string): GcmDecoded['gcs'] | null {
  const m = /^G1([01])([01])$/.exec(gcs);
  if (!m) return null;
  const s = (bit: string | undefined): GcmState => (bit === '1' ? 'granted' : 'denied');
  return { ad_storage: s(m[1]), analytics_storage: s(m[2]) };
}

const GCD_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const GCD_VALUE: Record<number, GcmState> = { 1: 'unset', 2: 'denied', 3: 'granted' };

/**
 * `gcd` (Consent Mode v2), e.g. `11p1p1p1p5`: after the first character come four pairs for ad_storage,
 * analytics_storage, ad_user_data, ad_personalization. The pair's letter, as an index in the base64url-safe
 * alphabet above, holds the default state in bits 2–3 and the update state in bits 0–1 (1 unset, 2 denied,
 * 3 granted). Layout as decoded by Analytics Debugger's "Google Consent Parser" GTM template.
 */
export function decodeGcd(gcd: string): GcmDecoded['gcd'] | null {
  if (!/^[0-9a-zA-Z_-]{9,40}$/.test(gcd)) return null;
  const read = (i: number): GcmSignal | null => {
    const v = GCD_ALPHABET.indexOf(gcd[i] ?? '!');
    if (v < 0) return null;
    return { default: GCD_VALUE[(v >> 2) & 3] ?? 'unset', update: GCD_VALUE[v & 3] ?? 'unset' };
  };
  const [a, b, c, d] = [read(2), read(4), read(6), read(8)];
  if (!a || !b || !c || !d) return null;
  return { ad_storage: a, analytics_storage: b, ad_user_data: c, ad_personalization: d };
}

/** Hosts whose requests carry Consent Mode parameters (Google Analytics, Ads, DoubleClick, Tag Manager). */
const GOOGLE_HOST =
  /(^|\.)(google-analytics\.com|googletagmanager\.com|doubleclick\.net|googleadservices\.com|googlesyndication\.com|google\.[a-z]{2,3}(\.[a-z]{2})?)$/;

/** Effective state: the update when one was sent, else the default. */
function effective(s: GcmSignal): GcmState {
  return s.update !== 'unset' ? s.update : s.default;
}

/**
 * Google Consent Mode state from a Google request URL (`gcs`, `gcd`), as evidence only: it shows what the
 * site told Google, not a banner choice by the visitor (see README). Returns null for other hosts or when
 * neither parameter is present and valid.
 */
export function signalFromGoogleRequest(url: string): ConsentSignal | null {
  if (url.length > 16384) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!GOOGLE_HOST.test(parsed.hostname)) return null;
  const gcsRaw = parsed.searchParams.get('gcs');
  const gcdRaw = parsed.searchParams.get('gcd');
  const gcs = gcsRaw ? decodeGcs(gcsRaw) : null;
  const gcd = gcdRaw ? decodeGcd(gcdRaw) : null;
  if (!gcs && !gcd) return null;
  const ad = gcd ? effective(gcd.ad_storage) : gcs!.ad_storage;
  const analytics = gcd ? effective(gcd.analytics_storage) : gcs!.analytics_storage;
  const updated = gcd ? Object.values(gcd).some((s) => s.update !== 'unset') : undefined;
  const decoded: Record<string, unknown> = {
    ad_storage: ad,
    analytics_storage: analytics,
    host: parsed.hostname,
  };
  if (gcs) decoded.gcs = gcs;
  if (gcd) decoded.gcd = gcd;
  if (updated !== undefined) decoded.updated = updated;
  const granted: ('advertising' | 'analytics' | 'necessary')[] = ['necessary'];
  if (ad === 'granted') granted.push('advertising');
  if (analytics === 'granted') granted.push('analytics');
  const raw = clip([gcsRaw && `gcs=${gcsRaw}`, gcdRaw && `gcd=${gcdRaw}`].filter(Boolean).join('&'));
  const base = { tool: 'google-consent-mode', via: gcd ? 'request:gcd' : 'request:gcs', raw, decoded };
  // Denied with no update yet = the site's default before any choice ("consent not yet given").
  if (ad !== 'granted' && analytics !== 'granted' && !updated) {
    return { ...base, state: 'banner', evidence: 'consent-mode' };
  }
  const kind =
    ad === 'granted' && analytics === 'granted'
      ? 'accept-all'
      : granted.length === 1
        ? 'reject-all'
        : 'custom';
  return { ...base, state: 'choice', evidence: 'consent-mode', choice: { kind, granted } };
}
