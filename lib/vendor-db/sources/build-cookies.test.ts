import { describe, expect, it } from 'vitest';
import { buildRecords } from './build';
import { ocdCookie } from './build-cookies';
import { buildInput, ocdRow } from './__fixtures__/build-input';
import type { OcdRow } from './ocd';

const row = (over: Partial<OcdRow>): OcdRow => ({
  id: '1',
  platform: 'Example',
  category: 'Functional',
  name: 'device_id',
  match: 'exact',
  domain: 'embed.example.tv (3rd party)',
  description: 'This cookie is An ID that uniquely identifies the device the user is using.',
  retention: '3650 days',
  controller: 'Example',
  privacyUrl: '',
  ...over,
});

describe("a third party's device identifier filed as exempt", () => {
  it('needs review, and says why', () => {
    const c = ocdCookie(row({}), 'functional', ['example.tv']);
    expect(c).toMatchObject({ party: 'third', category: 'unknown' });
    expect(c.note).toMatch(/identifier of the device or browser.*needs review/);
    // "Identifies the browser of the end user" (Piano's __bid on tinypass.com) reads the same.
    const bid = row({
      name: '__bid',
      description: 'this cookie is used to Identifies the browser of the end user',
    });
    expect(ocdCookie(bid, 'functional', ['example.tv']).category).toBe('unknown');
  });

  it('keeps the label for a session, a login or a security check, and for the site’s own cookie', () => {
    const keep = (over: Partial<OcdRow>) => ocdCookie(row(over), 'functional', ['example.tv']).category;
    expect(keep({ description: 'Uniquely identifies the device to keep the session signed in.' })).toBe(
      'functional',
    );
    expect(keep({ description: 'Identifies the device to protect against fraud.' })).toBe('functional');
    expect(keep({ retention: 'Session' })).toBe('functional');
    // First-party (no "3rd party", a domain that is not the vendor's): Shopify's essential device token stays.
    expect(keep({ domain: '', description: 'An opaque token that is used to identify a device' })).toBe(
      'functional',
    );
    // A row with no identifier in its text keeps its label.
    expect(keep({ description: 'Stores the chosen language.' })).toBe('functional');
  });
});

describe('the importer with the device-identifier rule', () => {
  it('files the cookie for review and lists it with the other re-filed rows', () => {
    const deviceId = {
      ...ocdRow('t1', 'Functional', 'device_id'),
      domain: 'embed.example.tv (3rd party)',
      description: 'An ID that uniquely identifies the device the user is using.',
    };
    const { records, report } = buildRecords(buildInput([], [], { Example: [deviceId] }));
    const example = records.find((r) => r.name === 'Example')!;
    expect(example.cookies[0]).toMatchObject({ name: 'device_id', party: 'third', category: 'unknown' });
    expect(example.cookies[0]!.note).toMatch(/\("uniquely identifies the device"\): needs review/);
    expect(report.purposeRefiled).toEqual([
      {
        vendor: example.id,
        cookie: 'device_id',
        label: 'Functional',
        phrase: "uniquely identifies the device (a third party's own cookie)",
        stated: 'unknown',
        final: 'unknown',
      },
    ]);
  });
});
