// A slow, busy or starting worker: the background's memory of records a site stored on its own
// (unprompted.ts) decides against wall-clock time at processing, while the evidence that could excuse a record (the
// detector's activation report) waits behind the same ready() / busy event loop. And the commit's jar read, made
// after ready(), is dated at the commit and fed to the memory as "brought".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
/** cookies.onChanged's report, dated when the event was received (cookies.ts takes `at` before ready()). */
const stored = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, at }) as SignalSource;
/** readJarAtCommit's report: dated visit.startedAt whenever the jar was actually read. */
const jar = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'jar', site: SITE, at, frame: 'main' }) as SignalSource;

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

describe('a stored choice handled late by a slow worker (unprompted.ts decide)', () => {
  // The visitor answers in a banner drawn in a frame; the detector sees the activation 400 ms after the manager
  // stored the accept (focus reaches the frame late in Firefox: user-activation.ts FOCUS_LOOKS_MS / POLL_MS, which is
  // what ACTIVATION_GRACE_MS allows for). The cookie event was received at T+1000 but handled at T+3000 (ready() or a
  // busy worker); the activation report, received at T+1400, is queued behind it.
  async function scenario(handledAt: number) {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T); // document_start report
    vi.setSystemTime(handledAt);
    worker.noteSignal(visit, accept, stored(T + 1_000));
    worker.noteActivation(visit, true, T + 1_400); // the activation report, handled right after
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
    return worker.noteSignal(visitOf(), accept, jar(T + 60_000)).unpromptedOn;
  }

  it('control: handled promptly, the visitor’s accept is not remembered as the site’s', async () => {
    expect(await scenario(T + 1_000)).toBeUndefined();
  });

  it('handled 2 s late, the same accept must not be remembered as stored without interaction', async () => {
    // Before the fix: decideStored sees now > at + grace and remembers at once, before the queued activation report
    // is handled; every later visit then reads the visitor's accept as "stored without interaction".
    expect(await scenario(T + 3_000)).toBeUndefined();
  });
});

describe('the jar read at commit, done after ready() (navigation.ts readJarAtCommit)', () => {
  it('control: without the late jar read, the site’s own accept is remembered', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    vi.setSystemTime(T + 800);
    worker.noteSignal(visit, accept, stored(T + 800));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
    expect(worker.noteSignal(visitOf(), accept, jar(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
    });
  });

  it('a record the site wrote on its own after the commit, seen by a late jar read, is still remembered', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    // The untouched page's manager writes accept-all at T+800 (the cookie store's report).
    vi.setSystemTime(T + 800);
    worker.noteSignal(visit, accept, stored(T + 800));
    // The commit's handler got past ready() only now: cookies.getAll returns the accept the page just wrote, and
    // it is recorded as brought, dated at the commit (visit.startedAt).
    vi.setSystemTime(T + 1_200);
    worker.noteSignal(visit, accept, jar(T));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
    // Before the fix: the late jar value went into `carried`, decideStored saw the record as restating what the visit
    // brought and remembered nothing; the next visit carries the site's own accept over as the visitor's.
    expect(worker.noteSignal(visitOf(), accept, jar(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
    });
  });
});
