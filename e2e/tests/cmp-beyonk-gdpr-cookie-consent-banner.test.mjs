// Real consent manager from npm: Beyonk's gdpr-cookie-consent-banner (a Svelte web component in an open shadow
// root), whose cookie the site names (here `shop_prefs`, a name that says nothing of consent), on a leaky and a clean
// shop, five scenarios (e2e/lib/cmp-scenarios.mjs).
import { cmpSuite } from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'beyonk-gdpr-cookie-consent-banner');
