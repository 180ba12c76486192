// Found in review: unprompted.ts noteSignal drops a jar value read at commit from `carried` when the visit "saw it written"
// (`written`), but `written` holds broughtKey = manager + choice, not the value. A manager re-writing the visitor's
// brought choice on load (a fresh datestamp, same choice) before the commit's jar result is handled makes the jar's
// ORIGINAL value (the snapshot, asked at commit) count as not brought. The re-write is then no restatement
// (restatesBrought: carried is empty) and, the page untouched, is remembered as stored without interaction: the
// visitor's own accept reads "stored without interaction" on every later visit (trackers before consent: a false
// violation). Before the review (no `written`) the late jar value joined `carried` before the grace ended, and nothing
// was remembered. Reaches the memory where the jar is the only carrier: a SameSite=Strict record on arrival from a
// cross-site link (not in the navigation's Cookie header, in getAll and document.cookie).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
/** The visitor's accept, stored on an earlier visit after their click. */
const brought = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
/** The same choice, re-written by the manager on this page's load (a new datestamp). */
const rewritten = signalFromCookie(
  'OptanonConsent',
  OPTANON_ACCEPT_ALL.replace('10%3A15%3A09', '11%3A00%3A00'),
)!;
const stored = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, at }) as SignalSource;
const jar = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'jar', site: SITE, at, frame: 'main' }) as SignalSource;

let n = 0;
const visitOf = () => visitRow(`w${++n}`, SITE, T);

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('the brought value in the jar snapshot, handled after the page re-wrote the same choice', () => {
  it('is still brought: the re-write restates it and is not remembered as the site’s', async () => {
    vi.resetModules();
    const worker = await import('../unprompted');
    await worker.loadUnprompted();
    expect(brought.raw).not.toBe(rewritten.raw);
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    // The manager re-writes the choice at T+300; its cookie event is handled while the commit handler still awaits
    // the jar it asked for at the commit (navigation.ts: getAll before ready()).
    vi.setSystemTime(T + 300);
    worker.noteSignal(visit, rewritten, stored(T + 300));
    // The jar snapshot, taken at the commit, holds the visitor's original value.
    vi.setSystemTime(T + 400);
    worker.noteSignal(visit, brought, jar(T));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
    // The next visit brings the visitor's accept: it must not be stamped as stored without interaction.
    expect(worker.noteSignal(visitOf(), rewritten, jar(T + 60_000)).unpromptedOn).toBeUndefined();
  });
});
