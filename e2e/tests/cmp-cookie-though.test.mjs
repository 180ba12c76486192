// Real consent manager from npm: Cookie Though (its published build, kept in e2e/fixtures/vendor), on a leaky and a
// clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'cookie-though');
