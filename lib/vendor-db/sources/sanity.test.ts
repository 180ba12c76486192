import { describe, expect, it } from 'vitest';
import { companyProblem, datasetCountry, retentionProblem, repairMojibake, cleanDatasetText } from './sanity';

describe('companyProblem', () => {
  it('rejects durations, domains, URLs and placeholders', () => {
    expect(companyProblem('29 days')).toMatch(/duration.*swapped/);
    expect(companyProblem('1 year')).toMatch(/duration/);
    expect(companyProblem('freewheel.tv')).toMatch(/domain name/);
    expect(companyProblem('https://example.com/privacy')).toMatch(/URL/);
    expect(companyProblem('N/A')).toMatch(/placeholder/);
    expect(companyProblem('')).toBe('empty');
  });

  it('flags misspellings of known names and accepts real names', () => {
    expect(companyProblem('Amazon Web Servics', ['Amazon Web Services'])).toMatch(/misspelling of/);
    expect(companyProblem('Genius', ['Gemius S.A.'])).toBeNull();
    expect(companyProblem('Active Campaign', ['ActiveCampaign, LLC'])).toBeNull();
    expect(companyProblem('WooCommerce / Jetpack')).toBeNull();
    expect(companyProblem('Microsft Corporation', ['Microsoft Corporation'])).toMatch(/misspelling/);
    expect(companyProblem('Google LLC', ['Google LLC'])).toBeNull();
    expect(companyProblem('Booking.com B.V.')).toBeNull();
    expect(companyProblem('Adobe Inc.', ['Adobe'])).toBeNull();
    expect(companyProblem('www.example.com')).toMatch(/URL/);
  });
});

describe('retentionProblem', () => {
  it('accepts readable retention and names unreadable text', () => {
    expect(retentionProblem('13 months')).toBeNull();
    expect(retentionProblem('Varies')).toMatch(/not readable/);
  });
});

describe('datasetCountry', () => {
  it("reads WhoTracks.me's UK as GB and refuses codes no country has", () => {
    expect(datasetCountry('UK')).toEqual({ code: 'GB' });
    expect(datasetCountry('de')).toEqual({ code: 'DE' });
    for (const bad of ['KO', 'EU', 'ZZ', 'USA', ''])
      expect(datasetCountry(bad), bad).toEqual({ problem: expect.stringMatching(/not an ISO 3166-1/) });
  });
});

describe('repairMojibake', () => {
  it('decodes UTF-8 that was read as Latin-1, and leaves everything else alone', () => {
    // third-party-web 0.30.0 names "StrÃ¶er Digital Media": the id became stra-er-digital-media.
    expect(repairMojibake('StrÃ¶er Digital Media')).toBe('Ströer Digital Media');
    expect(repairMojibake('Ã‰tude')).toBe('Ã‰tude'); // "‰" is beyond Latin-1: not mojibake of one byte
    for (const fine of ['Ströer', 'Société Générale', 'Â', 'Ã©t' + '\u00ff', 'plain'])
      expect(repairMojibake(fine)).toBe(fine);
  });
});

describe('cleanDatasetText', () => {
  it('decodes HTML character references and white space a dataset left in a name', () => {
    expect(cleanDatasetText('Northern &amp; Shell Media Group')).toBe('Northern & Shell Media Group');
    expect(cleanDatasetText('Hoefler &amp; Co')).toBe('Hoefler & Co');
    expect(cleanDatasetText('GET ME IN!  (TicketMaster) ')).toBe('GET ME IN! (TicketMaster)');
    expect(cleanDatasetText('StrÃ¶er Digital Media')).toBe('Ströer Digital Media');
    // An ampersand that starts no reference stays as it is.
    expect(cleanDatasetText('AT&T')).toBe('AT&T');
    expect(cleanDatasetText('Procter & Gamble')).toBe('Procter & Gamble');
  });
});
