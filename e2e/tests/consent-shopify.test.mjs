// Shopify-style store banner (`_tracking_consent`, written unanswered by the store's response, answered by the
// banner): phases and violations of Customer.io findings, and the timeline.
// e2e-browsers: chromium firefox
import { consentSuite } from '../lib/consent-suite.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

consentSuite(h, {
  prefix: 'shp',
  tool: /shopify/i,
  accept: '#shopify-pc__banner__btn-accept',
  reject: '#shopify-pc__banner__btn-decline',
  consentCookie: '_tracking_consent',
});
