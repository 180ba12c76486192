// Launches Firefox ESR with the unpacked Firefox build, driven by puppeteer-core over WebDriver BiDi
// (Playwright cannot drive stock Firefox). Recipe: /work/shared/research/firefox-e2e.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX_EXTENSION_PATH = path.resolve(import.meta.dirname, '../../.output/firefox-mv2');
/** Fixed moz-extension:// UUID, so extension pages have a known URL. */
export const FIREFOX_EXTENSION_UUID = '2d1f5c1e-7c1a-4c55-9a43-c00c1e1a5bec';

/**
 * @param {{ proxyPort: number, extensionPath?: string, headless?: boolean, prefs?: object,
 *   onConsole?: (line: string) => void }} opts
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, extensionId: string, gecko: string,
 *   profileDir: string, downloadDir: string, close(): Promise<void> }>}
 */
export async function launchFirefox(opts) {
  const extensionPath = path.resolve(
    opts.extensionPath ?? process.env.E2E_FIREFOX_EXTENSION_PATH ?? FIREFOX_EXTENSION_PATH,
  );
  const manifestFile = path.join(extensionPath, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`No built extension at ${extensionPath} (run \`npm run build:firefox\` first)`);
  }
  const gecko = JSON.parse(fs.readFileSync(manifestFile, 'utf8')).browser_specific_settings.gecko.id;
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-firefox-'));
  // Downloads land here without a dialog; the page facade watches it for 'download' events.
  const downloadDir = path.join(profileDir, 'downloads');
  fs.mkdirSync(downloadDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    headless: opts.headless ?? true,
    acceptInsecureCerts: true,
    userDataDir: profileDir,
    // Opening moz-extension:// pages over BiDi needs system access.
    args: ['--remote-allow-system-access'],
    // A loaded machine can take 40 s to start Firefox.
    timeout: 120_000,
    protocolTimeout: 180_000,
    dumpio: Boolean(opts.onConsole) || Boolean(process.env.E2E_FIREFOX_STDOUT),
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [gecko]: FIREFOX_EXTENSION_UUID }),
      // Every host goes through the fixture proxy; nothing reaches the network.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': opts.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': opts.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.trr.mode': 5,
      'services.settings.server': 'http://127.0.0.1:9/v1',
      'devtools.console.stdout.content': Boolean(opts.onConsole) || Boolean(process.env.E2E_FIREFOX_STDOUT),
      // HTTPS-Only would upgrade the fixtures' http:// pages.
      'dom.security.https_only_mode': false,
      'browser.shell.checkDefaultBrowser': false,
      // The audit asks for the optional browsingData permission; headless has no doorhanger to click
      // "Allow" on, so Firefox grants optional permissions without asking (the request still must succeed).
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...opts.prefs,
    },
  });
  const close = async () => {
    await browser.close().catch(() => {});
    fs.rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    await browser.installExtension(extensionPath);
  } catch (err) {
    await close();
    throw err;
  }
  return { browser, extensionId: FIREFOX_EXTENSION_UUID, gecko, profileDir, downloadDir, close };
}
