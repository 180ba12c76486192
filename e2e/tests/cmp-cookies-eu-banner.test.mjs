// Real consent manager from npm: Cookies EU banner, on a leaky and a clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'cookies-eu-banner');
