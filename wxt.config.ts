import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere so lint can see every dependency arrow.
  imports: false,
  // UNMINIFIED=1 keeps names readable in CPU profiles (npm run profile:worker); releases are minified.
  vite: () => ({ plugins: [preact()], ...(process.env.UNMINIFIED === '1' && { build: { minify: false } }) }),
  hooks: {
    // The extension reads vendor details from public/vendor-details/*.json shards; the single 5 MB file is
    // for the Node tools only.
    'build:publicAssets': (_wxt, assets) => {
      const i = assets.findIndex((a) => 'relativeDest' in a && a.relativeDest === 'vendor-details.json');
      if (i >= 0) assets.splice(i, 1);
    },
  },
  // The Firefox sources zip (for AMO review) leaves out test output and generated reports.
  zip: { excludeSources: ['e2e/artifacts/**', 'e2e/.tmp/**', 'audit-out/**', '.vitest-report.json'] },
  manifest: ({ browser }) => ({
    name: 'Cookie Inspector',
    description:
      'Shows which trackers fired before consent or after refusal, with GDPR details per vendor. Nothing leaves your browser.',
    // No `tabs`: the tab URLs we read (http/https pages) are visible through the host permission.
    permissions: [
      'webRequest',
      'cookies',
      'storage',
      'webNavigation',
      'alarms',
      'unlimitedStorage',
      'scripting',
    ],
    // Only the one-click audit clears a site's storage; the popup asks for this when an audit starts.
    optional_permissions: ['browsingData'],
    host_permissions: ['<all_urls>'],
    // 111: content scripts in the page's main world (cookie hooks, __tcfapi).
    ...(browser !== 'firefox' && { minimum_chrome_version: '111' }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'cookie-inspector@example.org',
          // The code needs 128 (content scripts in the page's main world; storage.session needs 115), but the
          // data-collection declaration AMO requires is honoured from 140 on, so older versions would skip it.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        // Same declaration on Android, where it arrived in 142.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
