// Fictional vendors on reserved .example / .test names: they exercise the compiler and matcher, never ship.
import type { Category } from '../../category';
import type { Fact, GdprBlock, VendorCookie, VendorRecord } from '../types';

const fact = <T>(value: T): Fact<T> => ({ value, source: 'fixture', derived: false });

const gdpr: GdprBlock = {
  legalBasis: fact('consent'),
  eprivacy: fact('consent required'),
  transfer: fact('none'),
  transferMechanisms: fact<string[]>([]),
  euDataRegion: fact<string | null>(null),
  risk: fact('low' as const),
  dpia: fact('not stated'),
  consentText: fact('fixture'),
  alternatives: fact<string[]>([]),
  privacyPolicy: fact<string | null>(null),
};

export function cookie(name: string, extra: Partial<VendorCookie> = {}): VendorCookie {
  return {
    name,
    match: 'exact',
    party: 'first',
    durationSeconds: null,
    durationText: '',
    purpose: 'fixture',
    source: 'fixture',
    ...extra,
  };
}

export function vendor(
  id: string,
  category: Category,
  domains: string[],
  cookies: VendorCookie[] = [],
): VendorRecord {
  const name = id.replace(/(^|-)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());
  return { id, name, company: `${name} Inc.`, country: null, category, domains, cookies, gdpr, sources: [] };
}

export const FIXTURE_VENDORS: VendorRecord[] = [
  vendor(
    'acme-analytics',
    'analytics',
    ['acme-analytics.example', '*.acmecdn.test'],
    [
      cookie('_acme'),
      cookie('_acme_s_', { match: 'prefix' }),
      cookie('shared_id', { domain: '.acme-analytics.example', party: 'third' }),
    ],
  ),
  vendor(
    'beta-ads',
    'advertising',
    ['beta-ads.example', 'pixel.gamma.example'],
    [
      cookie('shared_id', { domain: 'beta-ads.example', party: 'third' }),
      cookie('_acme_', { match: 'prefix' }),
      cookie('beta_uid', { party: 'third', category: 'marketing' }),
    ],
  ),
  vendor('gamma-cmp', 'consent', ['Gamma.Example'], [cookie('gamma_consent'), cookie('_acme')]),
];
