// A host name that says it collects data or serves ads ("analytics.", "-telemetry-", "collect.", "-ads.") under a vendor
// filed functional.

/**
 * Words that, as a whole label or a hyphen-separated part of one, name a data-collection or ad-serving endpoint
 * ("globale-analytics-sdk.global-e.com" under a checkout platform). Parcel or order "track(ing)" pages, "log" hosts
 * and a bare "ad" (Active Directory) are left out: too many functional services use those words.
 */
const COLLECTION_WORDS = new Set([
  'analytics',
  'telemetry',
  'collect',
  'collector',
  'pixel',
  'beacon',
  'metrics',
  'stats',
  'statistics',
  'events',
  'rum',
  'tracker',
  'ads',
  'adserver',
  'adservice',
  'adserving',
]);

/**
 * The first collection word among the host's labels (the top-level label excluded), or null. A vendor's category
 * comes from a dataset's label for the vendor as a whole (a CDN, a cloud, a shop platform); a host of it whose own
 * name says it collects data is not shown as exempt on that label alone.
 */
export function collectionWord(host: string): string | null {
  const end = host.lastIndexOf('.');
  if (end <= 0) return null;
  let start = 0;
  for (let i = 0; i <= end; i++) {
    const c = host.charCodeAt(i);
    if (c !== 0x2e && c !== 0x2d) continue; // '.' or '-'
    if (i > start) {
      const word = trimDigits(host.slice(start, i));
      if (COLLECTION_WORDS.has(word)) return word;
    }
    start = i + 1;
  }
  return null;
}

/** "analytics2" → "analytics": numbered shards of one endpoint. */
function trimDigits(label: string): string {
  let n = label.length;
  while (n > 0 && label.charCodeAt(n - 1) >= 0x30 && label.charCodeAt(n - 1) <= 0x39) n--;
  return n === label.length ? label : label.slice(0, n);
}
