// OneTrust-style banner: phases and violations of Customer.io findings, and the consent timeline.
// e2e-browsers: chromium firefox
import { consentSuite } from '../lib/consent-suite.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

consentSuite(h, {
  prefix: 'ot',
  tool: /onetrust/i,
  accept: '#onetrust-accept-btn-handler',
  reject: '#onetrust-reject-all-handler',
  consentCookie: 'OptanonConsent',
});
