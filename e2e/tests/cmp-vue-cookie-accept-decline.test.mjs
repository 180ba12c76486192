// Real consent manager from npm: vue-cookie-accept-decline 6.1.0 on Vue 3, whose record is in localStorage under
// the site's element id, on a leaky and a clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'vue-cookie-accept-decline');
