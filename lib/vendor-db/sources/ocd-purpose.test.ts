// Issue #12, consent-safe categories: an Open Cookie Database row labelled Functional whose own description says it
// tracks conversions or keeps statistics is never exempt; rows about a consent choice keep their label.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VendorRecord } from '../types';
import { buildRecords } from './build';
import { buildInput, ocdRow } from './__fixtures__/build-input';
import { ocdPurpose } from './ocd-purpose';

const row = (category: string, description: string) => ({ category, description });

describe('ocdPurpose', () => {
  it('takes the purpose an exempt label’s own description states', () => {
    expect(ocdPurpose(row('Functional', 'Member identifier for conversion tracking, retargeting'))).toEqual({
      category: 'marketing',
      statedBy: 'conversion tracking',
    });
    expect(ocdPurpose(row('Necessary', 'Used for attribution and reporting'))).toMatchObject({
      category: 'marketing',
    });
    expect(
      ocdPurpose(row('Personalization', 'Registers a unique ID to keep statistics of videos seen')),
    ).toEqual({
      category: 'analytics',
      statedBy: 'statistics',
    });
  });

  it('files a row that only records the consent or opt-out as consent management, whatever its label', () => {
    // Matomo's mtm_consent_removed (labelled Analytics) is written when the visitor refuses.
    expect(ocdPurpose(row('Analytics', 'Cookie is used to store the user consent preference'))).toEqual({
      category: 'consent',
      statedBy: 'store the user consent',
    });
    expect(ocdPurpose(row('Marketing', 'Ad optout cookie'))).toMatchObject({ category: 'consent' });
    expect(
      ocdPurpose(row('Functional', "Stores the user's cookie consent state for the current domain")),
    ).toMatchObject({ category: 'consent' });
    // Naming an identifier, analytics or advertising besides: the label stands.
    for (const [label, text, category] of [
      [
        'Analytics',
        'Consent state: digit between 0 and 3. Used for capturing analytics on web pages',
        'analytics',
      ],
      [
        'Marketing',
        'This cookie holds information about optout from Outbrain personalized advertising',
        'marketing',
      ],
      ['Functional', "Stores the user's unique consent identifier.", 'functional'],
    ] as const)
      expect(ocdPurpose(row(label, text)).category, text).toBe(category);
  });

  it('files a row named an opt-out or a consent as consent management unless its text names an identifier', () => {
    const named = (name: string, category: string, description: string) =>
      ocdPurpose({ name, category, description });
    expect(
      named(
        'ToptOut',
        'Marketing',
        'Records your decision not to receive interest-based advertising delivered by Microsoft.',
      ),
    ).toEqual({ category: 'consent', statedBy: 'optOut', inName: true });
    expect(
      named('_stg_optout', 'Analytics', 'Helps to turn off all tracking tags on your site.').category,
    ).toBe('consent');
    // Named a consent: ABlyft's API switch, filed Analytics, records the choice either way.
    expect(
      named(
        'ablyft_tracking_consent',
        'Analytics',
        'Is set when enableTrackingConsent or disableTrackingConsent is triggered via API.',
      ),
    ).toEqual({ category: 'consent', statedBy: 'consent', inName: true });
    expect(named('consent_uid', 'Analytics', 'Stores a unique visitor identifier.').category).toBe(
      'analytics',
    );
    // The OCD's text for AdSense's __gpi_optout describes behaviour tracking: the label stands.
    expect(
      named('__gpi_optout', 'Marketing', 'Collects information on user behaviour on multiple websites.')
        .category,
    ).toBe('marketing');
  });

  it('reads following a visitor, counting visits and anonymous visitor IDs as analytics', () => {
    const stated: [string, string][] = [
      ['Used to track visitor movements anonymously.', 'visitor movements'],
      ['This cookie detects if you are new or returning to a particular test.', 'new or returning'],
      [
        'This cookie is used to identify the frequency of visits and how long the visitor is on the website.',
        'frequency of visits',
      ],
      ['This cookie stores the Anonymous ID number', 'Anonymous ID'],
      ['Used to track a guest shopper’s browsing activity.', 'browsing activity'],
      ['This cookie tracks the URLs of the web pages that the user visited.', 'pages that the user visited'],
      ['Used for reporting and tracking purposes.', 'reporting and tracking purposes'],
      ['Used to identify LinkedIn Members off LinkedIn for analytics', 'for analytics'],
      ['collects anonymous data about a user’s visit, such as the number of visits', 'number of visits'],
      ['Used to track visits and sampling rate set in the survey', 'track visits'],
      ['This cookie is used for tracking events. It has a counter of each event', 'tracking events'],
      [
        "Tracks the user's interaction with the website's search-bar-function.",
        "Tracks the user's interaction",
      ],
      ['Used to collect metrics per page view for personalization.', 'collect metrics per page view'],
    ];
    for (const [text, phrase] of stated)
      expect(ocdPurpose(row('Functional', text)), text).toEqual({ category: 'analytics', statedBy: phrase });
  });

  it('reads a visitor ID kept for a personalisation profile, or recognising users across domains, as marketing', () => {
    const stated: [string, string][] = [
      [
        'A Dynamic Yield unique identifier that operates as a key for personalization.',
        'key for personalization',
      ],
      ['indicates the first page a user visits, and targets a user by the first page', 'targets a user'],
      [
        'enabled when a Publisher has an interest in identifying their users consistently across their domains.',
        'identifying their users consistently across',
      ],
    ];
    for (const [text, phrase] of stated)
      expect(ocdPurpose(row('Functional', text)), text).toEqual({ category: 'marketing', statedBy: phrase });
  });

  it('keeps the label of rows about a consent choice, and of rows that state no consent purpose', () => {
    const kept = [
      row('Functional', "Checks whether the user has given consent to cookies in the category 'Marketing'."),
      row(
        'Functional',
        'Used to detect if the visitor has accepted the marketing category in the cookie banner.',
      ),
      row('Functional', 'Opt-out for marketing/third party/consent based cookies'),
      row('Functional', 'Used to detect spam, fraud, and abuse to protect advertisers'),
      row('Security', 'Load balancing'),
      row('Functional', 'Used to track the current session from the database.'),
      row('Functional', 'Used to keep track of whether continuous play is on or not for a user'),
      // Keeping a visitor on one variant of a test page is the page working as served (HubSpot files it necessary).
      row(
        'Functional',
        'Used to consistently serve visitors the same version of an A/B test page they’ve seen before.',
      ),
      row('Functional', 'Used to store the pixel size of your screen to help personalize your experience.'),
      row(
        'Security',
        'This cookie is used to track users, and helps identify suspicious browsing and purchasing.',
      ),
    ];
    for (const r of kept) expect(ocdPurpose(r).statedBy, r.description).toBeUndefined();
    expect(ocdPurpose(row('Security', 'Load balancing')).category).toBe('necessary');
  });

  it('never lowers a label that already needs consent', () => {
    expect(ocdPurpose(row('Analytics', 'Used for attribution'))).toEqual({ category: 'analytics' });
    expect(ocdPurpose(row('Marketing', 'Keeps statistics'))).toEqual({ category: 'marketing' });
  });
});

describe('the importer with ocdPurpose', () => {
  it('files the cookie and an OCD-only vendor under the stated purpose, and reports it', () => {
    const tracking = {
      ...ocdRow('a1', 'Functional', 'acme_id'),
      description: 'Assigns a unique User ID used for attribution and reporting purposes.',
    };
    const { records, report } = buildRecords(buildInput([], [], { Acme: [tracking] }));
    const acme = records.find((r) => r.name === 'Acme')!;
    expect(acme.category).toBe('marketing');
    expect(acme.cookies[0]).toMatchObject({ name: 'acme_id', category: 'marketing' });
    expect(acme.cookies[0]!.note).toMatch(
      /OCD files it as Functional, but its description says "attribution"/,
    );
    expect(report.purposeRefiled).toEqual([
      {
        vendor: acme.id,
        cookie: 'acme_id',
        label: 'Functional',
        phrase: 'attribution',
        stated: 'marketing',
        final: 'marketing',
      },
    ]);
  });

  it('leaves no cookie in the bundled records exempt whose OCD description names such a purpose', () => {
    const dir = join(__dirname, '../../../data/vendors');
    const exempt = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const rec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as VendorRecord;
      for (const c of rec.cookies) {
        if (
          c.source !== 'open-cookie-database' ||
          !ocdPurpose({ category: 'Functional', description: c.purpose ?? '' }).statedBy
        )
          continue;
        if (c.category === 'functional' || c.category === 'necessary') exempt.push(`${rec.id}: ${c.name}`);
      }
    }
    expect(exempt).toEqual([]);
    const taboola = JSON.parse(readFileSync(join(dir, 'taboola.json'), 'utf8')) as VendorRecord;
    expect(taboola.cookies.find((c) => c.name === 't_pt_gid')?.category).toBe('advertising');
    const vwo = JSON.parse(readFileSync(join(dir, 'vwo.json'), 'utf8')) as VendorRecord;
    expect(vwo.cookies.find((c) => c.name === '_vwo_uuid_v2')?.category).toBe('analytics');
    const dy = JSON.parse(readFileSync(join(dir, 'dynamic-yield.json'), 'utf8')) as VendorRecord;
    expect(dy.cookies.find((c) => c.name === '_dyid')?.category).toBe('marketing');
  });
});
