// Real consent manager from npm: Porsche's cookie-consent-banner (a web component, its buttons in a shadow root), on a
// leaky and a clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'porsche-cookie-consent-banner');
