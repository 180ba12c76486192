import { describe, expect, it } from 'vitest';
import * as M from './__fixtures__/managers';
import { signalFromStorage } from './storage-signals';

describe('signalFromStorage', () => {
  it('Usercentrics v2 uc_settings: the last explicit action decides, not the statuses', () => {
    const deny = signalFromStorage('uc_settings', M.UC_DENY_ALL);
    expect(deny).toMatchObject({
      tool: 'usercentrics',
      via: 'storage:uc_settings',
      choice: { kind: 'reject-all' },
    });
    expect(signalFromStorage('uc_settings', M.UC_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
    expect(signalFromStorage('uc_settings', M.UC_DEFAULTS)).toBeNull();
  });
  it('Usercentrics v1 usercentrics: non-essential consents', () => {
    expect(signalFromStorage('usercentrics', M.UC_V1_REJECT)?.choice?.kind).toBe('reject-all');
  });
  it('Usercentrics v3 ucData: only a whole answer is read', () => {
    const accept = signalFromStorage('ucData', M.UC3_ACCEPT_ALL);
    expect(accept).toMatchObject({
      tool: 'usercentrics',
      via: 'storage:ucData',
      state: 'choice',
      choice: { kind: 'accept-all' },
      decoded: { services: { HkocEodjb7: true }, gcm: { analyticsStorage: 'granted' } },
    });
    expect(signalFromStorage('ucData', M.UC3_ALL_OFF)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    // Essential services on, the rest off: a refusal, the defaults before any answer or a custom choice alike.
    expect(signalFromStorage('ucData', M.UC3_ESSENTIAL_ONLY)).toBeNull();
    expect(signalFromStorage('ucData', JSON.stringify({ consent: { services: {} } }))).toBeNull();
    expect(
      signalFromStorage('ucData', JSON.stringify({ consent: { services: { a: { consent: 'yes' } } } })),
    ).toBeNull();
    expect(signalFromStorage('ucData', JSON.stringify({ consent: { services: [true] } }))).toBeNull();
    expect(signalFromStorage('ucData', '{"consent":')).toBeNull();
  });
  it('Sourcepoint _sp_user_consent_<id>: the TC string, else consentStatus', () => {
    const s = signalFromStorage('_sp_user_consent_7417', M.SP_REJECT);
    expect(s).toMatchObject({ tool: 'sourcepoint', choice: { kind: 'reject-all' } });
    expect(signalFromStorage('_sp_user_consent_7417', M.SP_ACCEPT_NO_TC)?.choice?.kind).toBe('accept-all');
  });
  it('Termly TERMLY_API_CACHE', () => {
    expect(signalFromStorage('TERMLY_API_CACHE', M.TERMLY_REJECT)?.choice?.kind).toBe('reject-all');
    expect(signalFromStorage('TERMLY_API_CACHE', M.TERMLY_ACCEPT)?.choice?.kind).toBe('accept-all');
  });
  it('Transcend tcmConsent: confirmed purposes only; defaults and Auto grant nothing', () => {
    expect(signalFromStorage('tcmConsent', M.TCM_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
      saleOptOut: true,
    });
    expect(signalFromStorage('tcmConsent', M.TCM_ACCEPT)?.choice?.kind).toBe('accept-all');
    expect(signalFromStorage('tcmConsent', M.TCM_DEFAULTS)).toBeNull();
    const confirmedAuto = M.TCM_DEFAULTS.replace('"confirmed":false', '"confirmed":true').replace(
      '"Analytics":"Auto"',
      '"Analytics":true',
    );
    expect(signalFromStorage('tcmConsent', confirmedAuto)?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'functional', 'advertising', 'marketing'],
    });
    // The US sale opt-out withdraws advertising, whatever else was allowed.
    const saleOptOut = M.TCM_ACCEPT.replace('"SaleOfInfo":true', '"SaleOfInfo":false');
    expect(signalFromStorage('tcmConsent', saleOptOut)?.choice).toMatchObject({
      kind: 'custom',
      saleOptOut: true,
    });
    expect(signalFromStorage('tcmConsent', saleOptOut)?.choice?.granted).not.toContain('advertising');
  });
  it('records some managers keep in localStorage instead of a cookie', () => {
    expect(signalFromStorage('cc_cookie', decodeURIComponent(M.CC_REJECT))).toMatchObject({
      tool: 'vanilla-cookieconsent',
      via: 'storage:cc_cookie',
      choice: { kind: 'reject-all' },
    });
    expect(signalFromStorage('klaro', M.KLARO_DECLINE)?.choice?.kind).toBe('reject-all');
    expect(signalFromStorage('_ketch_consent_v1_', M.KETCH_DENY)?.choice?.kind).toBe('reject-all');
    expect(signalFromStorage('euconsent-v2', M.TC_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
  });
  it('ignores other keys, oversized and malformed values, never throws', () => {
    expect(signalFromStorage('theme', 'dark')).toBeNull();
    expect(signalFromStorage('uc_settings', '{broken')).toBeNull();
    expect(signalFromStorage('uc_settings', 'x'.repeat(20_000))).toBeNull();
    expect(signalFromStorage(undefined as unknown as string, '')).toBeNull();
  });
});
