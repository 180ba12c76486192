import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings';
import type { DerivedVisit } from '../evidence/derive';
import { advance, startAudit, type AuditRecord } from './machine';
import { buildAuditReport, splitFindings } from './report';

function finding(p: Partial<Finding> & Pick<Finding, 'key' | 'phase' | 'firstSeenAt'>): Finding {
  return {
    id: `v|${p.kind ?? 'request'}|${p.key}|${p.phase}`,
    visitId: 'v',
    kind: 'request',
    host: p.key,
    url: `https://${p.key}/`,
    thirdParty: true,
    vendorId: null,
    category: 'unknown',
    reason: 'test',
    violation: false,
    lastSeenAt: p.firstSeenAt,
    count: 1,
    ...p,
  };
}

const findings: Finding[] = [
  finding({
    key: 'www.google-analytics.com',
    vendorId: 'google-analytics',
    category: 'analytics',
    phase: 'before-consent',
    firstSeenAt: 2_000,
    count: 3,
  }),
  finding({
    key: 'cdn.cookielaw.org',
    vendorId: 'onetrust',
    category: 'consent',
    phase: 'before-consent',
    firstSeenAt: 1_500,
  }),
  // Unrecognised tool: the extension still says before-consent, but it was seen after the refusal at 8 000.
  finding({
    key: 'connect.facebook.net',
    vendorId: 'facebook',
    category: 'advertising',
    phase: 'before-consent',
    firstSeenAt: 3_000,
    lastSeenAt: 9_000,
  }),
  finding({
    kind: 'cookie',
    key: 'IDE@doubleclick.net',
    host: 'doubleclick.net',
    cookieName: 'IDE',
    vendorId: 'google-ads',
    category: 'advertising',
    phase: 'after-reject',
    firstSeenAt: 9_500,
  }),
  finding({ key: 'tracker.unknown.example', phase: 'before-consent', firstSeenAt: 9_900 }),
];
// The derived visit as the background hands it over (parties give one category per party; none here).
const bundle = { findings, parties: [], consent: { tool: 'onetrust' } } as unknown as DerivedVisit;

function audited(): AuditRecord {
  let r = startAudit({
    id: 'a',
    tabId: 1,
    url: 'https://shop.example/',
    site: 'shop.example',
    now: 0,
    options: { preConsentMs: 5_000, postRejectMs: 5_000 },
  });
  r = advance(r, { type: 'cleared', cookies: 2, storage: true, errors: [] }, 500);
  r = advance(r, { type: 'committed', visitId: 'v' }, 1_000);
  r = advance(
    r,
    {
      type: 'snapshot',
      snapshot: {
        step: 'pre-consent',
        at: 5_900,
        consent: [
          {
            tool: 'onetrust',
            state: 'banner',
            status: 'banner',
            provenance: 'detector',
            vias: ['autoconsent'],
            site: 'shop.example',
            at: 1_200,
          },
        ],
        screenshot: 'data:image/jpeg;base64,AAAA',
      },
    },
    5_900,
  );
  r = advance(r, { type: 'tick' }, 6_000);
  r = advance(r, { type: 'optOutResult', ok: true, tool: 'onetrust' }, 8_000);
  r = advance(
    r,
    {
      type: 'snapshot',
      snapshot: {
        step: 'post-reject',
        at: 12_000,
        consent: [
          {
            tool: 'onetrust',
            state: 'choice',
            choice: { kind: 'reject-all', granted: ['necessary'] },
            status: 'counted',
            provenance: 'browser',
            vias: ['cookies-api'],
            site: 'shop.example',
            raw: 'x',
            at: 8_100,
          },
        ],
      },
    },
    12_000,
  );
  return advance(r, { type: 'tick' }, 13_000);
}

describe('audit report', () => {
  it('lists what fired before consent and what fired or set cookies after the refusal', () => {
    const rep = buildAuditReport(audited(), bundle);
    expect(rep.step).toBe('done');
    expect(rep.refusedAt).toBe(8_000);
    expect(rep.beforeConsent.map((l) => l.key)).toEqual(['google-analytics', 'facebook', 'onetrust']);
    expect(rep.beforeConsent[0]).toMatchObject({
      requests: 3,
      needsConsent: true,
      hosts: ['www.google-analytics.com'],
    });
    expect(rep.afterRefusal.map((l) => l.key)).toEqual([
      'facebook',
      'google-ads',
      'host:tracker.unknown.example',
    ]);
    expect(rep.afterRefusal[1]).toMatchObject({ cookies: ['IDE'], requests: 0 });
    expect(rep.consentStates).toEqual([
      {
        step: 'pre-consent',
        at: 5_900,
        tool: 'onetrust',
        state: 'banner',
        choice: null,
        via: 'autoconsent',
        screenshot: 'data:image/jpeg;base64,AAAA',
      },
      {
        step: 'post-reject',
        at: 12_000,
        tool: 'onetrust',
        state: 'choice',
        choice: { kind: 'reject-all', granted: ['necessary'] },
        via: 'cookies-api',
        screenshot: null,
      },
    ]);
    expect(rep.summary).toBe(
      '2 trackers that need consent fired before consent; 2 trackers that need consent fired or set cookies after refusal',
    );
  });

  it('says when the refusal could not be tested, and when the visitor accepted instead', () => {
    let r = startAudit({ id: 'a', tabId: 1, url: 'https://x.example/', site: 'x.example', now: 0 });
    r = advance(
      advance(r, { type: 'cleared', cookies: 0, storage: true, errors: [] }, 0),
      { type: 'committed', visitId: 'v' },
      0,
    );
    r = advance(
      advance(r, { type: 'tick' }, 10_000),
      { type: 'optOutResult', ok: false, tool: null, message: 'no CMP detected' },
      10_000,
    );
    const timedOut = buildAuditReport(advance(r, { type: 'tick' }, 200_000), bundle);
    expect(timedOut.refusedAt).toBeNull();
    expect(timedOut.afterRefusal).toEqual([]);
    expect(timedOut.beforeConsent.map((l) => l.key)).toContain('host:tracker.unknown.example');
    expect(timedOut.summary).toBe(
      '2 trackers that need consent fired before consent; the refusal could not be tested (no consent choice was made in time)',
    );
    const accepted = advance(
      r,
      { type: 'userChoice', choice: { kind: 'accept-all', granted: ['necessary'] }, at: 9_000 },
      9_000,
    );
    const rep = buildAuditReport(accepted, bundle);
    expect(rep.afterRefusal).toEqual([]);
    expect(rep.summary).toContain('chose "accept-all" instead of refusing');
  });

  it('skips after-accept findings and keeps everything before consent when nothing was refused', () => {
    const f = [
      finding({ key: 'a.example', phase: 'after-accept', firstSeenAt: 1 }),
      finding({ key: 'b.example', phase: 'before-consent', firstSeenAt: 2 }),
    ];
    expect(splitFindings(f, null)).toEqual({ before: [f[1]], after: [] });
  });

  it('reports a failed audit with its error and no findings', () => {
    const r = advance(
      startAudit({ id: 'a', tabId: 1, url: 'https://x.example/', site: 'x.example', now: 0 }),
      { type: 'fail', error: 'tab closed' },
      5,
    );
    expect(buildAuditReport(r, null)).toMatchObject({
      step: 'failed',
      error: 'tab closed',
      summary: 'Audit failed: tab closed',
      beforeConsent: [],
    });
  });
});
