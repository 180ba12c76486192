import { describe, expect, it } from 'vitest';
import { buildSiteReport } from '../../lib/audit/site-report';
import { compareSiteReports } from '../../lib/audit/compare';
import { cls, page, request } from '../../lib/audit/__fixtures__/site';
import { T0 } from '../../lib/report/__fixtures__/visit';
import { renderSiteHtml } from './site-html';

const EVIL = cls('x', 'advertising', true, '<img src=x onerror=alert(1)>');
const report = (entries: Parameters<typeof page>[2]) =>
  buildSiteReport({
    site: 'shop.example',
    startUrl: 'https://shop.example/?q=<b>',
    auditedAt: T0,
    pages: [
      {
        url: 'https://shop.example/?q=<b>',
        report: null,
        derived: page('v', 'https://shop.example/', entries),
      },
    ],
  });

describe('renderSiteHtml', () => {
  it('escapes every value, has no script or external resource, and lists the changes', () => {
    const older = report([]);
    const newer = report([request('v', 'ads.evil.example', EVIL)]);
    const html = renderSiteHtml(newer, compareSiteReports(older, newer));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|src="|href="/i);
    expect(html).toContain('+ vendor &lt;img src=x onerror=alert(1)&gt; (advertising)');
    expect(html).toContain('1 vendor with a violation (1 before consent, 0 after refusal)');
  });
});
