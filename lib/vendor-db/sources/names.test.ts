import { describe, expect, it } from 'vitest';
import { companyKey, sameCompany, spelledAlike, spelledByDomain, withoutLegalForm } from './names';

describe('company comparison', () => {
  it('ignores legal forms and punctuation', () => {
    expect(companyKey('Sovrn Holdings, Inc.')).toBe('sovrn');
    expect(sameCompany('Sovrn Holdings Inc', 'Sovrn Holdings, Inc.')).toBe(true);
    expect(sameCompany('Meta Platforms, Inc.', 'Meta Platforms Ireland Limited')).toBe(true);
    expect(sameCompany('Adobe', 'Adobe Inc.')).toBe(true);
    expect(sameCompany('Tealium', 'AniView')).toBe(false);
    expect(sameCompany('LiveIntent', 'IPONWEB')).toBe(false);
  });
  it('spelledAlike: one squashed name starts the other (spacing, legal form), nothing less', () => {
    expect(spelledAlike('Media Math', 'MediaMath, Inc.')).toBe(true);
    expect(spelledAlike('Tealium', 'Tealium iQ')).toBe(true);
    expect(spelledAlike('Tealium', 'IPONWEB')).toBe(false);
    expect(spelledAlike('', 'Anything')).toBe(false);
  });
});

describe('spelledByDomain', () => {
  it('tells which of two near-identical names the domains spell', () => {
    expect(spelledByDomain('Signyfyd', 'Signifyd', ['signifyd.com'])).toBe('b');
    expect(spelledByDomain('SpringServer', 'SpringServe, LLC', ['springserve.com'])).toBe('b');
    expect(spelledByDomain('Gfycat', 'Gycat', ['gfycat.com'])).toBe('a');
    // Two letters swapped in a name of the same length, and a dot read as a letter ("Rocket.ia" on rocket.la).
    expect(spelledByDomain('Gugaboo', 'Gubagoo', ['gubagootracking.com'])).toBe('b');
    expect(spelledByDomain('Rocket.ia', 'Rocket.la', ['rocket.la'])).toBe('b');
  });

  it('cannot tell when both, neither or a product name are at stake, or the names differ more', () => {
    expect(spelledByDomain('Transmatic', 'Transmatico', ['transmatico.com'])).toBeNull(); // both spelled
    expect(spelledByDomain('Infoline', 'INFOnline GmbH', ['ioam.de'])).toBeNull(); // neither
    expect(spelledByDomain('Gainsight PX', 'Gainsight', ['gainsight.com'])).toBeNull(); // a product of it
    expect(spelledByDomain('Refined Ads', 'Refined Labs', ['refinedads.com'])).toBeNull(); // two edits, lengths differ
    expect(spelledByDomain('Faktor.io', 'Faktor B.V.', ['faktor.io'])).toBeNull(); // the company plus a word
    expect(spelledByDomain('Sumo', 'Sumi', ['sumo.com'])).toBeNull(); // too short to judge
  });

  it('drops a trailing legal form for the vendor name', () => {
    expect(withoutLegalForm('SpringServe, LLC')).toBe('SpringServe');
    expect(withoutLegalForm('Adform A/S')).toBe('Adform');
    expect(withoutLegalForm('Signifyd')).toBe('Signifyd');
    expect(withoutLegalForm('Inc')).toBe('Inc');
  });
});
