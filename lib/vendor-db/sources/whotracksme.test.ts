import { describe, expect, it } from 'vitest';
import { readWhoTracksMe, wtmOwner } from './whotracksme';

const sql = [
  `INSERT INTO "categories" VALUES(4,'advertising');`,
  `INSERT INTO "companies" VALUES('ns','Northern &amp; Shell  Media','A publisher',NULL,'https://ns.example/',1,'gb');`,
  `INSERT INTO "trackers" VALUES('ns_ads','N&amp;S Ads',4,NULL,'ns','1',NULL,NULL);`,
  `INSERT INTO "tracker_domains" VALUES('ns_ads',' NSAds.Example ',NULL);`,
].join('\n');

describe('readWhoTracksMe', () => {
  it('reads trackers with their company, country and domains, names decoded as text', () => {
    const [t] = readWhoTracksMe(sql);
    expect(t).toMatchObject({
      id: 'ns_ads',
      name: 'N&S Ads',
      category: 'advertising',
      domains: ['nsads.example'],
    });
    expect(t!.company).toMatchObject({
      name: 'Northern & Shell Media',
      country: 'GB',
      website: 'https://ns.example/',
    });
    expect(wtmOwner(t!)).toBe('Northern & Shell Media');
  });
});
