// The background's memory of records a site stored on its own (lib/evidence/unprompted.ts decideStored) when the
// visit brought a choice of that manager: a re-write of the same choice restates it, but "accept" over the visitor's
// refusal is the site's, and the next visit must not carry it over as the visitor's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS, deriveConsent } from '@/lib/evidence/consent';
import { deriveVisit } from '@/lib/evidence/derive';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';
import {
  activationEntry,
  cioEntry,
  consentEntry,
  visit as fixtureVisit,
} from '@/lib/report/__fixtures__/visit';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;
const sentWithDocument = (at: number): SignalSource =>
  ({
    provenance: 'browser',
    via: 'cookie-header',
    site: SITE,
    host: SITE,
    at,
    frame: 'main',
    mainFrame: true,
  }) as SignalSource;
const storedByScript = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, host: SITE, at }) as SignalSource;
const mainResponseSet = (at: number): SignalSource =>
  ({
    provenance: 'browser',
    via: 'set-cookie',
    site: SITE,
    host: SITE,
    at,
    frame: 'main',
    mainFrame: true,
  }) as SignalSource;

let n = 0;
const visitOf = () => visitRow(`r${++n}`, SITE, T);

async function freshWorker() {
  vi.resetModules();
  const worker = await import('../unprompted');
  await worker.loadUnprompted();
  return worker;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('a refusal the visit brought, overwritten by the site with accept', () => {
  it('is remembered as stored without interaction, so the next visit does not carry the accept over', async () => {
    // Reachable: a returning visitor who refused (OptanonConsent=<reject> sent with the document) opens an article
    // and only reads it. 1 s after load the site's script writes `document.cookie = "OptanonConsent=<accept-all>…"`
    // (the cookies API reports it: `cookies-api`). This visit's derivation flags it (not the same choice as the one
    // brought); the memory must too, or on the next visit the accept sent with the document is carried over.
    const worker = await freshWorker();
    const second = visitOf();
    worker.noteActivation(second, false, T);
    worker.noteSignal(second, reject, sentWithDocument(T));
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(second, accept, storedByScript(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);

    // This visit itself is flagged, as it should be ...
    const thisVisit = deriveConsent({ site: SITE, startedAt: T }, [
      consentEntry(reject, {
        at: T,
        via: 'cookie-header',
        frame: 'main',
        consent: { signal: reject, mainFrame: true },
      }),
      activationEntry(T + 5, false),
      consentEntry(accept, { at: T + 1_000, via: 'cookies-api' }),
    ]);
    expect(thisVisit.withoutInteraction).toBe(true);

    // ... but the next visit, bringing the site's accept, must say it was the site's.
    const third = visitOf();
    const src = worker.noteSignal(third, accept, sentWithDocument(T + 86_400_000));
    // What the next visit reads without the stamp: the site's accept as the visitor's, a clean verdict.
    const next = deriveVisit(fixtureVisit(), [
      consentEntry(accept, {
        at: fixtureVisit().startedAt,
        via: 'cookie-header',
        frame: 'main',
        consent: {
          signal: accept,
          mainFrame: true,
          ...(src.unpromptedOn && { unpromptedOn: src.unpromptedOn }),
        },
      }),
      activationEntry(fixtureVisit().startedAt + 10, false),
      cioEntry(fixtureVisit().startedAt + 2_000),
    ]);
    expect({ stamped: src.unpromptedOn?.visitId, severity: next.verdict.severity }).toEqual({
      stamped: second.id,
      severity: 'violation',
    });
  });

  it('a main-frame redirect’s Set-Cookie of accept over the brought refusal is stamped when the redirect sends it', async () => {
    // Reachable: `GET /` sends the visitor's reject; the site answers `302 /home` with Set-Cookie accept-all; the
    // redirected main-frame request (same navigation, same visit) sends the accept: remembered at the Set-Cookie, so
    // the redirected request's copy is stamped too (lib/evidence/site-bends.test.ts: the derivation's own rule).
    const worker = await freshWorker();
    const v = visitOf();
    worker.noteSignal(v, reject, sentWithDocument(T));
    worker.noteSignal(v, accept, mainResponseSet(T + 40));
    const redirected = worker.noteSignal(v, accept, sentWithDocument(T + 60));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    const later = worker.noteSignal(visitOf(), accept, sentWithDocument(T + 86_400_000));
    expect({
      redirected: redirected.unpromptedOn !== undefined,
      later: later.unpromptedOn !== undefined,
    }).toEqual({
      redirected: true,
      later: true,
    });
  });
});
