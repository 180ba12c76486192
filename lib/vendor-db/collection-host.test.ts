import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { collectionWord } from './collection-host';
import { classifyRequest } from './match';

describe('collectionWord', () => {
  it.each([
    ['analytics.live.com', 'analytics'],
    ['globale-analytics-sdk.global-e.com', 'analytics'],
    ['events.framer.com', 'events'],
    ['telemetry2.vendor.example', 'telemetry'],
    ['rum-ingress.cdn.example', 'rum'],
    ['mail-ads.google.com', 'ads'],
    ['adservice2.vendor.example', 'adservice'],
  ])('finds the word in %s', (host, word) => {
    expect(collectionWord(host)).toBe(word);
  });

  it.each([
    'fonts.googleapis.com',
    'cdnjs.cloudflare.com',
    'webanalytics.example', // one word of its own, not a label part
    'track.parcel.example', // parcel tracking pages: not a collection word
    'analytics', // a single label is a top-level name, nothing else
    'shop.events', // the top-level label does not count
    'ad.corp.example', // a bare "ad" (Active Directory) is no ad word
    'downloads.vendor.example', // "ads" only as a whole label or hyphen part
  ])('finds none in %s', (host) => {
    expect(collectionWord(host)).toBeNull();
  });
});

describe('a functional vendor host named like a collection endpoint', () => {
  const index = loadNodeVendorIndex();
  const req = (url: string) => classifyRequest(index, url, 'https://shop.example/');

  it('is attributed to the vendor but needs review, not exempt on the vendor-wide label', () => {
    for (const url of [
      // analytics.live.com and mail-ads.google.com were examples too, until the WhoTracks.me trackers that name
      // them took them (Microsoft Analytics, Google Email: lib/vendor-db/sources/shadowed-hosts.ts), and so was
      // Global-e's globale-analytics-sdk.global-e.com, until Global-e's own docs filed it (Global-e Analytics).
      'https://events.framer.com/anonymous', // listed by third-party-web as Framer CDN
    ]) {
      const c = req(url);
      expect(c.vendor, url).not.toBeNull();
      expect(c.category, url).toBe('unknown');
      expect(c.reason, url).toContain('needs review');
    }
  });

  it('leaves the same vendors\u2019 other hosts and documented paths as they are', () => {
    expect(req('https://cdnjs.cloudflare.com/ajax/libs/x.js').category).toBe('functional');
    expect(req('https://www.framer.com/m/x.js').reason).not.toContain('its name says');
    // A path rule from the vendor's docs decides before the host name is looked at.
    expect(req('https://collect.tealiumiq.com/event').category).toBe('analytics');
  });
});
