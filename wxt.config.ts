import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere so lint can see every dependency arrow.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The extension reads vendor details from public/vendor-details/*.json shards; the single 5 MB file is
    // for the Node tools only.
    'build:publicAssets': (_wxt, assets) => {
      const i = assets.findIndex((a) => 'relativeDest' in a && a.relativeDest === 'vendor-details.json');
      if (i >= 0) assets.splice(i, 1);
    },
  },
  manifest: ({ browser }) => ({
    name: 'Cookie Inspector',
    description:
      'Shows which trackers fired before consent or after refusal, with GDPR details per vendor. Nothing leaves your browser.',
    permissions: [
      'webRequest',
      'cookies',
      'storage',
      'tabs',
      'webNavigation',
      'alarms',
      'unlimitedStorage',
      'scripting',
      'browsingData',
    ],
    host_permissions: ['<all_urls>'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'cookie-inspector@example.org',
          // 128: content scripts in the page's main world (cookie hooks, __tcfapi); storage.session needs 115.
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
