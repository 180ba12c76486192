import { describe, expect, it } from 'vitest';
import { renderAuditSection } from './html';
import type { AuditReport } from './report';

const base: AuditReport = {
  auditId: 'a',
  url: 'https://shop.example/',
  site: 'shop.example',
  step: 'done',
  startedAt: 0,
  finishedAt: 20_000,
  visitId: 'v',
  consentTool: '<img src=x onerror=alert(1)>',
  refusal: { method: 'autoconsent', requestedAt: 10_000, at: 10_500 },
  refusedAt: 10_500,
  beforeConsent: [
    {
      key: 'host:<b>evil</b>',
      vendorId: null,
      category: 'unknown',
      hosts: ['"><script>x</script>'],
      cookies: [],
      requests: 1,
      needsConsent: false,
      firstSeenAt: 1,
    },
  ],
  afterRefusal: [],
  consentStates: [
    {
      step: 'pre-consent',
      at: 9_000,
      tool: 'onetrust',
      state: 'banner',
      choice: null,
      via: null,
      screenshot: 'data:image/jpeg;base64,/9j/AAAA',
    },
    {
      step: 'post-reject',
      at: 19_000,
      tool: 'onetrust',
      state: 'choice',
      choice: { kind: 'reject-all', granted: ['necessary'] },
      via: 'cookie:OptanonConsent',
      screenshot: 'javascript:alert(1)',
    },
  ],
  cleared: { cookies: 2, storage: true, errors: [] },
  error: null,
  summary: '1 tracker fired',
};

describe('renderAuditSection', () => {
  it('escapes page data and only embeds base64 image data URLs', () => {
    const html = renderAuditSection(base);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;b&gt;evil&lt;/b&gt;');
    expect(html).toContain('src="data:image/jpeg;base64,/9j/AAAA"');
    expect(html).not.toContain('javascript:alert');
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('Refused automatically with autoconsent at 1970-01-01T00:00:10.500Z');
    expect(html).toContain('reject-all (granted necessary)');
  });
});
