// Real consent manager from npm: react-cookie-consent (React 18), whose cookie has Cookiebot's name, on a leaky and a
// clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'react-cookie-consent');
