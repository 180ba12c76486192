// TCF-style CMP (__tcfapi + euconsent-v2): phases and violations of Customer.io findings, and the timeline.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consentSuite } from '../lib/consent-suite.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { TC_ACCEPT_ALL, TC_REJECT_ALL, consentedPurposes } from '../fixtures/tc-strings.mjs';

const h = useBrowser();

test('tcf: the fixture TC strings decode to all purposes / none', () => {
  assert.deepEqual(consentedPurposes(TC_ACCEPT_ALL), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(consentedPurposes(TC_REJECT_ALL), []);
});

consentSuite(h, {
  prefix: 'tcf',
  tool: /tcf|iab/i,
  accept: '#tcf-accept',
  reject: '#tcf-reject',
  consentCookie: 'euconsent-v2',
});
