import { describe, expect, it } from 'vitest';
import { parseRetention } from './retention';

const DAY = 86_400;

describe('parseRetention', () => {
  it.each([
    ['1 year', 365 * DAY],
    ['1 Year', 365 * DAY],
    ['1 year ', 365 * DAY],
    ['13 months', (13 * 365 * DAY) / 12],
    ['12 months', 365 * DAY],
    ['2 years', 730 * DAY],
    ['30 minutes', 1800],
    ['30 mins', 1800],
    ['90 sec', 90],
    ['1440 Minutes', DAY],
    ['2 Weeks', 14 * DAY],
    ['0 days', 0],
    ['396 days', 396 * DAY],
    ['2 years after last activity', 730 * DAY],
    ['13 months by default, modifiable', (13 * 365 * DAY) / 12],
    ['10 years from set/ update', 3650 * DAY],
    ['1 year (in some countries, the period may be longer)', 365 * DAY],
  ])('reads %j as a duration', (text, seconds) => {
    expect(parseRetention(text)).toEqual({ kind: 'duration', seconds, text });
  });

  it.each(['Session', 'session', 'Sessions', 'Seesion', 'End of session (browser)', 'session cookie'])(
    'reads %j as a session cookie',
    (text) => {
      expect(parseRetention(text)).toEqual({ kind: 'session', seconds: null, text });
    },
  );

  it.each(['Persistent', 'forever', 'Unlimited', 'no expiration', 'permanent'])(
    'reads %j as persistent',
    (text) => {
      expect(parseRetention(text)).toEqual({ kind: 'persistent', seconds: null, text });
    },
  );

  it.each([
    ['1 week to 1 year', 365 * DAY],
    ['30 seconds till 1 year', 365 * DAY],
    ['60 days till 3650 days', 3650 * DAY],
    ['Session to 30 days', 30 * DAY],
  ])('takes the upper bound of the range %j', (text, seconds) => {
    expect(parseRetention(text)).toEqual({ kind: 'duration', seconds, text });
  });

  it.each([
    '',
    'Unknown',
    'Varies',
    'various',
    'Local Storage',
    'Awin',
    '10 Nov 2030',
    '1 hour or longer',
    '30 minutes, 3w or 1y depending on value',
    '180 days after last activity or 10 years when opting out',
    '14 days if you select “Remember Me” when logging in. Otherwise, Session.',
    '3 fortnights',
    '1 year to 1 week',
    '99999999 years',
  ])('keeps %j as unknown with the text', (text) => {
    expect(parseRetention(text)).toEqual({ kind: 'unknown', seconds: null, text });
  });
});
