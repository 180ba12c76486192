// Real consent manager from npm: vanilla-cookieconsent 2.x (the version most sites still run; 3.x is
// cmp-vanilla-cookieconsent), on a leaky and a clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'vanilla-cookieconsent-2');
