import { describe, expect, it } from 'vitest';
import { mayHandle, senderKind } from '../messages';
import { advance, startAudit } from './machine';
import { buildAuditReport, type AuditReport } from './report';
import {
  MAX_SITE_PAGES,
  cancelSiteAudit,
  failSiteAudit,
  nextPage,
  normalizeMaxPages,
  pageFinished,
  pageStarted,
  startSiteAudit,
  withLinks,
} from './site-audit';

const START = 'https://www.shop.example/';
const fresh = (maxPages?: unknown) =>
  startSiteAudit({ id: 's1', tabId: 7, site: 'shop.example', startUrl: START, maxPages, now: 1000 });

/** A page audit's report, made the real way: the machine's record at `step`, no visit. */
function report(step: 'done' | 'failed' | 'cancelled', url = START): AuditReport {
  let r = startAudit({ id: `a-${url}`, tabId: 7, url, site: 'shop.example', now: 1000 });
  r = advance(r, { type: 'cleared', cookies: 0, storage: true, errors: [] }, 1100);
  r = advance(r, { type: 'committed', visitId: 'v1' }, 1200);
  if (step === 'failed') r = advance(r, { type: 'fail', error: 'the page did not load in time' }, 1300);
  else if (step === 'cancelled') r = advance(r, { type: 'cancel' }, 1300);
  else {
    r = advance(r, { type: 'tick' }, 99_999);
    r = advance(r, { type: 'optOutResult', ok: true, tool: 'onetrust' }, 100_000);
    r = advance(r, { type: 'tick' }, 200_000);
  }
  const out = buildAuditReport(r, null);
  out.consentStates = [
    {
      step: 'pre-consent',
      at: 1,
      tool: null,
      state: 'banner',
      choice: null,
      via: null,
      screenshot: 'data:x',
    },
  ];
  return out;
}

describe('site audit state', () => {
  it('clamps the page count: default 5, 0..20, garbage to the default', () => {
    expect(normalizeMaxPages(undefined)).toBe(5);
    expect(normalizeMaxPages(3.7)).toBe(3);
    expect(normalizeMaxPages(-2)).toBe(0);
    expect(normalizeMaxPages(1e9)).toBe(MAX_SITE_PAGES);
    expect(normalizeMaxPages('x')).toBe(5);
  });

  it('audits the start page, then the same-site pages linked from it, in link order, up to N', () => {
    let r = pageStarted(fresh(2), 0, 'a0', 1001);
    expect(r.pages.map((p) => p.status)).toEqual(['running']);
    r = withLinks(
      r,
      [
        `${START}#top`,
        'https://www.shop.example/a',
        'https://elsewhere.example/x',
        'https://blog.shop.example/deep/page',
        'https://www.shop.example/brochure.pdf',
        'https://www.shop.example/c',
        42,
      ],
      1002,
    );
    expect(r.linksFound).toBe(6);
    expect(r.pages.map((p) => p.url)).toEqual([
      START,
      'https://www.shop.example/a',
      'https://blog.shop.example/deep/page',
    ]);
    // Links are read once, from the start page only.
    expect(withLinks(r, ['https://www.shop.example/z'], 1003)).toBe(r);
    r = pageFinished(r, 0, { report: report('done') }, 1004);
    expect(r.step).toBe('running');
    expect(r.pages[0]!.status).toBe('done');
    expect(r.pages[0]!.visitId).toBe('v1');
    // Screenshots stay out of the site record (storage.session is small).
    expect(r.pages[0]!.report!.consentStates[0]!.screenshot).toBeNull();
    expect(nextPage(r)).toBe(1);
    r = pageFinished(pageStarted(r, 1, 'a1', 1005), 1, { report: report('failed') }, 1006);
    expect(r.pages[1]!.status).toBe('failed');
    expect(r.pages[1]!.error).toBe('the page did not load in time');
    // A failed further page does not stop the site audit.
    expect(r.step).toBe('running');
    r = pageFinished(pageStarted(r, 2, 'a2', 1007), 2, { report: report('done') }, 1008);
    expect(r.step).toBe('done');
    expect(nextPage(r)).toBeNull();
  });

  it('ends after the start page when it failed or when no page is linked', () => {
    const failed = pageFinished(pageStarted(fresh(), 0, 'a0', 1), 0, { report: report('failed') }, 2);
    expect(failed.step).toBe('failed');
    expect(failed.error).toMatch(/start page failed/);
    const alone = withLinks(pageStarted(fresh(), 0, 'a0', 1), [], 2);
    expect(pageFinished(alone, 0, { report: report('done') }, 3).step).toBe('done');
  });

  it('a page that could not start is recorded as failed; a cancelled page cancels the site audit', () => {
    let r = withLinks(pageStarted(fresh(), 0, 'a0', 1), ['/a', '/b'], 2);
    r = pageFinished(r, 0, { report: report('done') }, 3);
    const skipped = pageFinished(r, 1, { report: null, error: 'An audit is already running' }, 4);
    expect(skipped.pages[1]!.status).toBe('failed');
    expect(nextPage(skipped)).toBe(2);
    const cancelled = pageFinished(pageStarted(r, 1, 'a1', 5), 1, { report: report('cancelled') }, 6);
    expect(cancelled.step).toBe('cancelled');
    expect(nextPage(cancelled)).toBeNull();
  });

  it('cancel and fail mark the pages not yet audited, and leave a finished audit alone', () => {
    const r = withLinks(pageStarted(fresh(), 0, 'a0', 1), ['/a'], 2);
    const c = cancelSiteAudit(r, 3);
    expect(c.pages.map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
    const f = failSiteAudit(r, 'the tab was closed', 3);
    expect(f.step).toBe('failed');
    expect(f.pages.map((p) => p.error)).toEqual(['the tab was closed', 'the tab was closed']);
    expect(cancelSiteAudit(f, 4)).toBe(f);
    expect(pageFinished(f, 0, { report: report('done') }, 5)).toBe(f);
  });
});

describe('site audit messages', () => {
  it('extension pages may start, read and cancel site audits; content scripts never', () => {
    const origin = 'chrome-extension://abc';
    const content = senderKind({ tabId: 3, frameId: 0, url: 'https://www.shop.example/' }, origin);
    const page = senderKind({ url: `${origin}/popup.html` }, origin);
    for (const type of ['startSiteAudit', 'getSiteAudit', 'cancelSiteAudit'] as const) {
      expect(mayHandle(content, type)).toBe(false);
      expect(mayHandle(page, type)).toBe(true);
    }
  });
});
