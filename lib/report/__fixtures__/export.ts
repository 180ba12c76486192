/** Test fixtures for the exports (JSON/CSV in lib/export, HTML in components/export). */
import type { CategoryOrUnknown } from '../../category';
import type { ConsentSignal } from '../../consent/types';
import type { ExportInput } from '../../export/json';
import type { VisitBundle } from '../../messages';
import { T0, bundle, consentEntry, entry } from './visit';

/** A cookie name that would be markup if it ever reached the DOM as HTML. */
export const HOSTILE = '<img src=x onerror=alert(1)>';
export const exportMeta = {
  toolVersion: '0.1.0',
  generatedAt: T0 + 60_000,
  attribution: 'Open Cookie Database, Apache-2.0 <x>',
};

export const cls = (vendor: string | null, category: CategoryOrUnknown, reason = 'host') => ({
  vendor,
  vendorName: null,
  company: null,
  category,
  thirdParty: true,
  reason,
});

/** One visit with a vendor, a hostile page-written cookie, a stored refusal and a tracker after it. */
export function exportSample(): ExportInput & VisitBundle {
  const signal: ConsentSignal = {
    tool: 'onetrust',
    state: 'choice',
    via: 'cookie:OptanonConsent',
    raw: 'groups=C0001:1,C0004:0',
    choice: { kind: 'reject-all', granted: ['necessary'] },
    decoded: { groups: { C0004: false } },
  };
  const b = bundle([
    entry({ host: 'track.customer.io', at: T0 + 1, classification: cls('customer-io', 'marketing') }),
    entry({
      host: 'shop.example',
      at: T0 + 2,
      kind: 'cookie',
      key: `${HOSTILE}@shop.example`,
      via: 'document.cookie',
      provenance: 'page',
      cookie: { name: HOSTILE, domain: 'shop.example', action: 'set', valueLength: 1, valueHash: 'h' },
      classification: { ...cls(null, 'unknown', `unknown "${HOSTILE}"`), thirdParty: false },
    }),
    consentEntry(signal, { at: T0 + 3000 }),
    entry({
      host: 'ga.test',
      at: T0 + 4000,
      url: 'https://ga.test/?q="=1',
      classification: cls('ga', 'analytics'),
    }),
  ]);
  return { ...b, entries: b.entries! };
}
