import { describe, expect, it } from 'vitest';
import type { AuditReport } from './report';
import { fileStem, summaryCsv, summaryRow, summaryTable } from './summary';

const report = {
  step: 'done',
  consentTool: 'onetrust',
  refusal: { method: 'autoconsent', at: 5 },
  error: null,
  beforeConsent: [
    { key: 'google-analytics', needsConsent: true },
    { key: 'onetrust', needsConsent: false },
  ],
  afterRefusal: [{ key: '=HYPERLINK("x")', needsConsent: true }],
} as unknown as AuditReport;

describe('batch summary', () => {
  it('makes unique, safe file stems', () => {
    const used = new Set<string>();
    expect(fileStem('https://shop.example/', used)).toBe('shop.example');
    expect(fileStem('https://shop.example/', used)).toBe('shop.example-2');
    expect(fileStem('https://shop.example:8443/a/b?c=1', used)).toBe('shop.example_8443_a-b-c-1');
    expect(fileStem('::nope', used)).toBe('invalid-url');
  });

  it('counts only trackers that need consent and guards CSV cells', () => {
    const ok = summaryRow('https://shop.example/', 'shop.example', report);
    expect(ok).toMatchObject({
      status: 'done',
      refusal: 'autoconsent',
      beforeConsent: 1,
      afterRefusal: 1,
      vendorsBefore: 'google-analytics',
    });
    const bad = summaryRow('https://down.example/', 'down.example', null, 'net::ERR_CONNECTION_REFUSED');
    const csv = summaryCsv([ok, bad]);
    expect(csv.split('\r\n')[0]).toBe(
      'url,status,consentTool,refusal,beforeConsent,afterRefusal,vendorsBefore,vendorsAfter,error,file',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('https://down.example/,failed,,,0,0,,,net::ERR_CONNECTION_REFUSED,down.example');
    const table = summaryTable([ok, { ...bad, url: 'https://x.example/\x1b[31m' }]);
    expect(table).toContain('done    1       1              onetrust      https://shop.example/');
    expect(table).not.toContain('\x1b');
  });
});
