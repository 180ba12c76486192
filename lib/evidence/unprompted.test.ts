import { describe, expect, it } from 'vitest';
import { signalFromCookie } from '../consent/signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL } from '../consent/__fixtures__/cookies';
import { addBounded, withEntry } from './bounded-memory';
import { ACTIVATION_GRACE_MS } from './consent';
import {
  MAX_REMEMBERED,
  OTHER_TAB_WINDOW_MS,
  answeredElsewhere,
  decideSeeded,
  elsewhereKey,
  broughtKey,
  decideStored,
  signalRole,
  unpromptedKey,
  type VisitInteraction,
} from './unprompted';

const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;
const src = (extra: object = {}) => ({
  provenance: 'browser' as const,
  via: 'cookies-api',
  site: 'shop.example',
  at: 1_000,
  ...extra,
});
const watched: VisitInteraction = { watchedAt: 10, activeAt: null, carried: [] };
const later = 1_000 + ACTIVATION_GRACE_MS + 1;

describe('signalRole', () => {
  it('tells a choice the visit brought from one stored during it', () => {
    expect(signalRole('shop.example', accept, src({ via: 'cookie-header', mainFrame: true }))).toBe(
      'carried',
    );
    expect(signalRole('shop.example', accept, src({ via: 'jar' }))).toBe('carried');
    expect(signalRole('shop.example', accept, src({ via: 'localStorage', initial: true }))).toBe('carried');
    expect(signalRole('shop.example', accept, src())).toBe('stored');
    expect(signalRole('shop.example', accept, src({ via: 'cookie-header' }))).toBe('stored');
  });

  it('ignores page reports, other sites’ cookies only sent in a request, banners and evidence', () => {
    expect(signalRole('shop.example', accept, src({ provenance: 'page' }))).toBeNull();
    expect(
      signalRole('shop.example', accept, src({ site: 'widget.example', via: 'cookie-header' })),
    ).toBeNull();
    // A redirect through the other site (its own response to the navigation) may carry the answer given there.
    expect(
      signalRole('shop.example', accept, src({ site: 'widget.example', via: 'set-cookie', mainFrame: true })),
    ).toBeNull();
    expect(signalRole('shop.example', { ...accept, state: 'banner' }, src())).toBeNull();
    expect(signalRole('shop.example', { ...accept, evidence: 'gpc' }, src())).toBeNull();
  });
});

describe('another site’s record stored in its jar while this page was shown', () => {
  const other = (extra: object = {}) => src({ site: 'blog.example', ...extra });

  it('is seeded unless it went to a partition of this page (never sent to that site’s own pages)', () => {
    expect(signalRole('shop.example', accept, other())).toBe('seeded');
    // A Set-Cookie alone may have been refused (third-party cookies blocked) or partitioned (Firefox).
    expect(signalRole('shop.example', accept, other({ via: 'set-cookie' }))).toBeNull();
    expect(signalRole('shop.example', accept, other({ partition: 'shop.example' }))).toBeNull();
    expect(signalRole('shop.example', accept, other({ provenance: 'page' }))).toBeNull();
  });

  it('is remembered for its site when this page was untouched through the grace after it', () => {
    expect(decideSeeded(watched, accept, other(), 1_000, 1_100)).toBe('wait');
    expect(decideSeeded(watched, accept, other(), 1_000, later)).toBe('remember');
    // This page's own managers brought in say nothing of the other site's.
    expect(decideSeeded({ ...watched, carried: [accept.tool] }, accept, other(), 1_000, later)).toBe(
      'remember',
    );
  });

  it('never replaces that site’s memory: input here may have answered its banner, but forgets nothing', () => {
    expect(decideSeeded({ ...watched, activeAt: 900 }, accept, other(), 1_000, later)).toBeNull();
    expect(decideSeeded(watched, reject, other(), 1_000, later)).toBeNull();
    expect(decideSeeded(watched, accept, other({ otherTab: true }), 1_000, later)).toBeNull();
    expect(decideSeeded({ ...watched, watchedAt: null }, accept, other(), 1_000, later)).toBeNull();
    // The page's requests had sent the visitor's own accept of that manager for the site: a re-write of it.
    const sent = { ...watched, sentElsewhere: { [elsewhereKey('blog.example', accept.tool)]: 900 } };
    expect(decideSeeded(sent, accept, other(), 1_000, later)).toBeNull();
    // Sent only after it: the seeded cookie itself coming back, which excuses nothing.
    const back = { ...watched, sentElsewhere: { [elsewhereKey('blog.example', accept.tool)]: 1_100 } };
    expect(decideSeeded(back, accept, other(), 1_000, later)).toBe('remember');
    // A record of that manager for the site was stored in this page's partition (CHIPS): what was sent may be it.
    expect(decideSeeded(sent, accept, other(), 1_000, later, true)).toBe('remember');
  });

  it('a report of this visit’s own response before the first report counts only when that said never active', () => {
    const early = { watchedAt: 1_200, activeAt: null, carried: [] };
    expect(decideSeeded(early, accept, other({ byResponse: true }), 1_000, later)).toBe('remember');
    expect(decideSeeded(early, accept, other(), 1_000, later)).toBeNull();
    // A first report saying already active (a detector started late) proves nothing of the time before it.
    const activeFirst = { ...early, watchedAt: 3_000, activeAt: 3_000 };
    expect(decideSeeded(activeFirst, accept, other({ byResponse: true }), 1_000, later)).toBeNull();
    expect(decideSeeded({ ...early, watchedAt: null }, accept, other(), 1_000, 1_100)).toBe('wait');
  });
});

describe('answeredElsewhere', () => {
  const tab = (extra: Partial<VisitInteraction>): VisitInteraction => ({ ...watched, ...extra });
  it('covers a choice when the other tab’s visitor answered shortly before it or within the grace after', () => {
    expect(answeredElsewhere([tab({ activeAt: 900 })], 1_000)).toBe(true);
    expect(answeredElsewhere([tab({ activeAt: 1_000 + ACTIVATION_GRACE_MS })], 1_000)).toBe(true);
    const click = (at: number, action: string) => tab({ clicks: [{ at, action }] });
    expect(answeredElsewhere([click(1_000 - OTHER_TAB_WINDOW_MS, 'accept-all')], 1_000, accept.choice)).toBe(
      true,
    );
    // Reject all there, an accept here: no cover, even with the activation in time.
    expect(answeredElsewhere([{ ...click(900, 'reject-all'), activeAt: 900 }], 1_000, accept.choice)).toBe(
      false,
    );
    expect(answeredElsewhere([click(900, 'reject-all')], 1_000, reject.choice)).toBe(true);
  });
  it('not when that tab was untouched, or its input came long before or after', () => {
    expect(answeredElsewhere([tab({})], 1_000)).toBe(false);
    expect(answeredElsewhere([tab({ activeAt: 1_000 - OTHER_TAB_WINDOW_MS - 1 })], 1_000)).toBe(false);
    expect(answeredElsewhere([tab({ activeAt: 1_001 + ACTIVATION_GRACE_MS })], 1_000)).toBe(false);
    expect(answeredElsewhere([], 1_000)).toBe(false);
  });
});

describe('decideStored', () => {
  it('an accept stored after input over a refusal the visit brought, with no banner click before it: over-refusal', () => {
    const brought: VisitInteraction = {
      ...watched,
      activeAt: 900,
      carried: [broughtKey(reject)],
      broughtRefusal: true,
    };
    expect(decideStored(brought, accept, src(), 1_000, later)).toBe('over-refusal');
    // A click of theirs in a banner before it makes it their answer; a refusal stored is no override either.
    expect(
      decideStored({ ...brought, clicks: [{ at: 950, action: 'accept-all' }] }, accept, src(), 1_000, later),
    ).toBe('forget');
    expect(decideStored(brought, reject, src(), 1_000, later)).toBe('forget');
    // Nothing refused was brought, or the record is only sent again: as before.
    expect(decideStored({ ...brought, broughtRefusal: undefined }, accept, src(), 1_000, later)).toBe(
      'forget',
    );
    expect(decideStored(brought, accept, src({ via: 'cookie-header' }), 1_000, later)).toBeNull();
    // Another tab's visitor may have answered.
    expect(decideStored(brought, accept, src({ otherTab: true }), 1_000, later)).toBe('forget');
  });

  it('remembers an accept stored on an untouched page once the grace has passed', () => {
    expect(decideStored(watched, accept, src(), 1_000, 1_100)).toBe('wait');
    expect(decideStored(watched, accept, src(), 1_000, later)).toBe('remember');
    // Activation seen only long after: still untouched when it was stored.
    expect(decideStored({ ...watched, activeAt: 9_000 }, accept, src(), 1_000, later)).toBe('remember');
  });

  it('forgets the record when the visitor interacted: their own answer replaces it', () => {
    expect(decideStored({ ...watched, activeAt: 900 }, accept, src(), 1_000, 1_100)).toBe('forget');
    expect(decideStored({ ...watched, activeAt: 900 }, reject, src(), 1_000, 1_100)).toBe('forget');
    // A request carrying the record after the input is no new store, so no answer.
    expect(
      decideStored({ ...watched, activeAt: 900 }, accept, src({ via: 'cookie-header' }), 1_000, 1_100),
    ).toBeNull();
  });

  it('leaves alone a refusal, a choice the visit brought, another tab’s, or a page not watched', () => {
    expect(decideStored(watched, reject, src(), 1_000, later)).toBeNull();
    expect(
      decideStored({ ...watched, carried: [broughtKey(accept)] }, accept, src(), 1_000, later),
    ).toBeNull();
    // An entry of an earlier version names the manager alone.
    expect(decideStored({ ...watched, carried: [accept.tool] }, accept, src(), 1_000, later)).toBeNull();
    expect(decideStored(watched, accept, src({ otherTab: true }), 1_000, later)).toBeNull();
    expect(decideStored({ ...watched, watchedAt: null }, accept, src(), 1_000, later)).toBeNull();
    expect(decideStored({ ...watched, watchedAt: 2_000 }, accept, src(), 1_000, later)).toBeNull();
  });

  it('remembers an accept stored over the refusal the visit brought: it restates nothing', () => {
    const brought = { ...watched, carried: [broughtKey(reject)] };
    // A record beside it saying nothing of the choice (Complianz's banner status) restates what was brought.
    const status = signalFromCookie('cmplz_banner-status', 'dismissed')!;
    expect(status.choice).toBeUndefined();
    const complianz = { ...watched, carried: [`${status.tool}|accept-all`] };
    expect(decideStored(complianz, status, src(), 1_000, later)).toBeNull();
    expect(decideStored(watched, status, src(), 1_000, later)).toBe('remember');
    expect(decideStored(brought, accept, src(), 1_000, later)).toBe('remember');
    expect(decideStored(brought, accept, src({ via: 'set-cookie', mainFrame: true }), 1_000, 1_000)).toBe(
      'remember',
    );
  });

  it('remembers a consent cookie the document’s own response set, watched or not', () => {
    const main = src({ via: 'set-cookie', mainFrame: true });
    expect(decideStored({ watchedAt: null, activeAt: null, carried: [] }, accept, main, 1_000, 1_000)).toBe(
      'remember',
    );
  });
});

describe('the memory', () => {
  it('keys by site, manager and cookie store, and stays bounded, oldest forgotten first', () => {
    expect(unpromptedKey('shop.example', 'onetrust', false)).not.toBe(
      unpromptedKey('shop.example', 'onetrust', true),
    );
    let m = {};
    for (let i = 0; i < MAX_REMEMBERED + 5; i++)
      m = withEntry(m, `s${i}.example|t`, { visitId: `v${i}`, at: i }, MAX_REMEMBERED);
    expect(Object.keys(m)).toHaveLength(MAX_REMEMBERED);
    expect(m).not.toHaveProperty('s0.example|t');
    expect(m).toHaveProperty(`s${MAX_REMEMBERED + 4}.example|t`);
    expect(withEntry(m, 's5.example|t', null, MAX_REMEMBERED)).not.toHaveProperty('s5.example|t');
  });

  it('a set of ids already handled stays bounded, oldest out', () => {
    const handled = new Set<string>();
    for (let i = 0; i < 5; i++) addBounded(handled, `id${i}`, 3);
    expect([...handled]).toEqual(['id2', 'id3', 'id4']);
  });
});
