// An answer known only from the visitor's click, carried to a later visit by a cookie the site wrote right after it.
import { describe, expect, it } from 'vitest';
import { T0, bannerEntry, cioEntry, clickEntry, consentEntry, visit } from '../report/__fixtures__/visit';
import { consentEventText, statusText } from '../report/consent';
import {
  MAX_ANSWER_COOKIES,
  MAX_ANSWERED,
  answeredKey,
  mayBeRecord,
  rememberedSignal,
  rememberedStorageSignal,
  valueHash,
  withAnswerCookie,
  type AnsweredRecord,
} from './answered';
import { withEntry } from './bounded-memory';
import { deriveVisit } from './derive';

const EARLIER = T0 - 86_400_000;
const record = (action: AnsweredRecord['action'], tool = ''): AnsweredRecord => ({
  visitId: 'v0',
  at: EARLIER,
  action,
  tool,
  cookies: [{ name: 'site_consent', domain: 'shop.example', hash: valueHash('{"necessary":true}') }],
});

const cio = (at: number) => cioEntry(at);
const click = (at: number, action: 'accept-all' | 'reject-all') => clickEntry(at, action, '');

describe('what may be the record of a click', () => {
  it('a first-party cookie named like a consent record, not a tracker’s, not empty', () => {
    expect(mayBeRecord('site_consent', 'x', 'unknown', true)).toBe(true);
    expect(mayBeRecord('cookie_prefs', 'x', 'necessary', true)).toBe(true);
    expect(mayBeRecord('gdpr-choice', 'x', 'consent', true)).toBe(true);
    expect(mayBeRecord('OptIn', '1', 'unknown', true)).toBe(true);
    // Another site's cookie, a tracker's, an empty value, a name that says nothing of consent.
    expect(mayBeRecord('site_consent', 'x', 'unknown', false)).toBe(false);
    expect(mayBeRecord('_ga_consent', 'x', 'analytics', true)).toBe(false);
    expect(mayBeRecord('site_consent', '', 'unknown', true)).toBe(false);
    expect(mayBeRecord('PHPSESSID', 'x', 'unknown', true)).toBe(false);
    expect(mayBeRecord('cart', 'x', 'unknown', true)).toBe(false);
  });

  it('keeps a few cookies, the latest value of each', () => {
    let list = withAnswerCookie([], { name: 'a_consent', domain: 'shop.example', hash: '1:a' });
    list = withAnswerCookie(list, { name: 'a_consent', domain: 'shop.example', hash: '1:b' });
    expect(list).toEqual([{ name: 'a_consent', domain: 'shop.example', hash: '1:b' }]);
    for (let i = 0; i < 20; i++)
      list = withAnswerCookie(list, { name: `c${i}_consent`, domain: 'shop.example', hash: '1:c' });
    expect(list).toHaveLength(MAX_ANSWER_COOKIES);
  });

  it('hashes values: equal for equal values, different otherwise', () => {
    expect(valueHash('{"a":1}')).toBe(valueHash('{"a":1}'));
    expect(valueHash('{"a":1}')).not.toBe(valueHash('{"a":0}'));
    expect(valueHash('')).not.toBe(valueHash('x'));
  });

  it('remembers one answer per site and browsing mode, the oldest forgotten past the bound', () => {
    expect(answeredKey('shop.example', false)).toBe('shop.example|');
    expect(answeredKey('shop.example', true)).toBe('private|shop.example|');
    let memory = {};
    for (let i = 0; i < MAX_ANSWERED + 3; i++)
      memory = withEntry(memory, `s${i}.example|`, { ...record('reject-all'), at: i }, MAX_ANSWERED);
    expect(Object.keys(memory)).toHaveLength(MAX_ANSWERED);
    expect(memory).not.toHaveProperty('s0.example|');
    expect(withEntry(memory, 's5.example|', null, MAX_ANSWERED)).not.toHaveProperty('s5.example|');
  });
});

describe('a remembered click carried over', () => {
  const jar = (value: string, domain = '.shop.example') => [{ name: 'site_consent', value, domain }];

  it('only while the cookie it left is there with the same value', () => {
    expect(rememberedSignal(record('reject-all'), jar('{"necessary":true}'))).toMatchObject({
      tool: '',
      state: 'choice',
      choice: { kind: 'reject-all' },
      rememberedClick: { action: 'reject-all', at: EARLIER },
    });
    // The visitor (or the site) changed the record, deleted it, or nothing was remembered.
    expect(rememberedSignal(record('reject-all'), jar('{"necessary":true,"analytics":true}'))).toBeNull();
    expect(rememberedSignal(record('reject-all'), [])).toBeNull();
    expect(rememberedSignal(undefined, jar('{"necessary":true}'))).toBeNull();
    // An accept's reach is unknown: no content.
    expect(rememberedSignal(record('accept-all'), jar('{"necessary":true}'))!.choice).toBeUndefined();
  });

  it('a refusal: trackers count as after reject from the visit’s start', () => {
    const signal = rememberedSignal(record('reject-all'), jar('{"necessary":true}'))!;
    const d = deriveVisit(visit(), [consentEntry(signal, { at: T0, via: 'jar' }), cio(T0 + 500)]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(d.verdict.text).toBe('1 marketing tracker fired after consent was refused');
    expect(d.consentState).toMatch(
      /^a consent banner we could not identify · the visitor clicked reject all on an earlier visit \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d; no stored choice was read, a cookie the site wrote then is unchanged\): trackers count as after a refusal$/,
    );
    const line = d.consent.lines.find((l) => l.rememberedClick)!;
    expect(line.status).toBe('carried-over');
    expect(consentEventText(line)).toMatch(
      /^A consent banner we could not identify: clicked reject all on an earlier visit \(.+\); the cookie site_consent the site wrote then is unchanged$/,
    );
  });

  it('the audit’s refusal on an earlier visit reads as the audit’s', () => {
    const signal = rememberedSignal({ ...record('reject-all'), by: 'audit' }, jar('{"necessary":true}'))!;
    const d = deriveVisit(visit(), [consentEntry(signal, { at: T0, via: 'jar' }), cio(T0 + 500)]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(d.consentState).toMatch(/· the audit’s opt-out clicked reject all on an earlier visit/);
    expect(consentEventText(d.consent.lines.find((l) => l.rememberedClick)!)).toMatch(
      /: the audit’s opt-out clicked reject all on an earlier visit/,
    );
  });

  it('an accept: what fires needs review, never a violation on the memory alone, never exempt', () => {
    const signal = rememberedSignal(record('accept-all', 'Usercentrics'), jar('{"necessary":true}'))!;
    const d = deriveVisit(visit(), [consentEntry(signal, { at: T0, via: 'jar' }), cio(T0 + 500)]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-unknown-choice', violation: false });
    expect(d.consentState).toMatch(/^Usercentrics · the visitor clicked accept all on an earlier visit/);
  });

  it('the banner showing again voids it: the site’s own record of the click is gone', () => {
    const signal = rememberedSignal(record('accept-all', 'Usercentrics'), jar('{"necessary":true}'))!;
    const shown = bannerEntry(T0 + 200, 'Usercentrics');
    const d = deriveVisit(visit(), [consentEntry(signal, { at: T0, via: 'jar' }), shown, cio(T0 + 500)]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    const line = d.consent.lines.find((l) => l.rememberedClick)!;
    expect(statusText(line.status)).toBe(
      'remembered from an earlier visit, but the consent banner asked again: not in force',
    );
  });

  it('a set by the site during this visit carries nothing: only the jar at commit does', () => {
    const signal = rememberedSignal(record('accept-all'), jar('{"necessary":true}'))!;
    const d = deriveVisit(visit(), [
      consentEntry(signal, { at: T0 + 100, via: 'cookies-api' }),
      cio(T0 + 500),
    ]);
    expect(d.consent.choices.some((c) => c.carriedOver)).toBe(false);
  });

  it('the visitor’s new click on this visit is the answer from then on', () => {
    const signal = rememberedSignal(record('reject-all'), jar('{"necessary":true}'))!;
    const d = deriveVisit(visit(), [
      consentEntry(signal, { at: T0, via: 'jar' }),
      click(T0 + 1000, 'accept-all'),
      cio(T0 + 2000),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-unknown-choice', violation: false });
    // And a refusal clicked after an accept remembered is a refusal.
    const accepted = rememberedSignal(record('accept-all'), jar('{"necessary":true}'))!;
    const r = deriveVisit(visit(), [
      consentEntry(accepted, { at: T0, via: 'jar' }),
      click(T0 + 1000, 'reject-all'),
      cio(T0 + 2000),
    ]);
    expect(r.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
  });
});

describe('a remembered click carried over by a localStorage record', () => {
  // The storage snapshot's hash of the value (lib/hash), as the content script reports it at document_start.
  const stored: AnsweredRecord = {
    ...record('reject-all'),
    cookies: [{ name: 'site_choice', domain: 'shop.example', hash: 'h1', area: 'localStorage' }],
  };
  const items = (valueHash: string, name = 'site_choice') => [{ name, valueHash }];

  it('only while the key it left is there with the same value, on the same host', () => {
    expect(rememberedStorageSignal(stored, 'shop.example', items('h1'))).toMatchObject({
      state: 'choice',
      choice: { kind: 'reject-all' },
      via: 'storage:site_choice',
      rememberedClick: { action: 'reject-all', at: EARLIER, storageKey: 'site_choice' },
    });
    expect(rememberedStorageSignal(stored, 'shop.example', items('h2'))).toBeNull();
    expect(rememberedStorageSignal(stored, 'shop.example', items('h1', 'other_choice'))).toBeNull();
    // localStorage is per origin: another host of the site has its own.
    expect(rememberedStorageSignal(stored, 'blog.shop.example', items('h1'))).toBeNull();
    expect(rememberedStorageSignal(undefined, 'shop.example', items('h1'))).toBeNull();
    // A cookie and a key of the same name are different records.
    expect(
      rememberedSignal(stored, [{ name: 'site_choice', value: 'x', domain: 'shop.example' }]),
    ).toBeNull();
    expect(
      rememberedStorageSignal(record('reject-all'), 'shop.example', items('h1', 'site_consent')),
    ).toBeNull();
  });

  it('read at document_start, a refusal counts from the visit’s start and says where it was kept', () => {
    const signal = rememberedStorageSignal(stored, 'shop.example', items('h1'))!;
    const entry = consentEntry(signal, {
      at: T0 + 40,
      via: 'localStorage',
      provenance: 'detector',
      consent: { signal, initial: true },
    });
    const d = deriveVisit(visit(), [entry, cio(T0 + 20)]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(d.consentState).toMatch(
      /the visitor clicked reject all on an earlier visit \(.+; no stored choice was read, a localStorage record the site wrote then is unchanged\): trackers count as after a refusal$/,
    );
    expect(consentEventText(d.consent.lines.find((l) => l.rememberedClick)!)).toMatch(
      /: clicked reject all on an earlier visit \(.+\); the localStorage record site_choice the site wrote then is unchanged$/,
    );
    // Read later than document_start (not `initial`), the same record would be this visit's: not carried over.
    const late = deriveVisit(visit(), [{ ...entry, consent: { signal } }, cio(T0 + 20)]);
    expect(late.findings[0]).not.toMatchObject({ phase: 'after-reject' });
  });
});
