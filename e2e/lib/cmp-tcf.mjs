// A small IAB TCF v2.2 CMP built on the IAB's own @iabtcf/cmpapi and @iabtcf/core (bundled once with
// esbuild for the browser): its __tcfapi, TC strings and events are the real library's. Its banner is ours
// (Accept all / Reject all); the choice is stored in the euconsent-v2 cookie, as TCF CMPs do.
import path from 'node:path';
import { build } from 'esbuild';

/** CMP id 4095: the largest 12-bit value, so it never names a registered CMP. */
export const TCF_CMP_ID = 4095;

const SOURCE = `
import stub from '@iabtcf/stub';
import { CmpApi } from '@iabtcf/cmpapi';

// The IAB stub first (window.__tcfapi queue and the __tcfapiLocator frame), as a CMP's page tag does.
stub();
import { GVL, TCModel, TCString } from '@iabtcf/core';

const PURPOSES = {};
for (let id = 1; id <= 11; id++) PURPOSES[id] = { id, name: 'Purpose ' + id, description: '' };
const gvl = new GVL({
  gvlSpecificationVersion: 3, vendorListVersion: 1, tcfPolicyVersion: 4, lastUpdated: '2025-01-01T00:00:00Z',
  purposes: PURPOSES, specialPurposes: {}, features: {}, specialFeatures: {}, stacks: {}, vendors: {},
});
const api = new CmpApi(${TCF_CMP_ID}, 1, true);
const YEAR = 365 * 86400;

function stored() {
  const m = document.cookie.match(/(?:^|; )euconsent-v2=([^;]*)/);
  return m ? m[1] : null;
}
function encode(all) {
  const model = new TCModel(gvl);
  model.cmpId = ${TCF_CMP_ID};
  model.cmpVersion = 1;
  model.consentScreen = 1;
  model.publisherCountryCode = 'DE';
  model.isServiceSpecific = true;
  if (all) model.purposeConsents.set(Object.keys(PURPOSES).map(Number));
  return TCString.encode(model);
}
function decide(all) {
  const tc = encode(all);
  document.cookie = 'euconsent-v2=' + tc + '; Max-Age=' + YEAR + '; Path=/; SameSite=Lax';
  document.getElementById('tcf-banner').hidden = true;
  api.update(tc, false);
}
function start() {
  const tc = stored();
  if (tc) return api.update(tc, false);
  const banner = document.getElementById('tcf-banner');
  banner.hidden = false;
  api.update('', true);
  document.getElementById('tcf-accept').addEventListener('click', () => decide(true));
  document.getElementById('tcf-reject').addEventListener('click', () => decide(false));
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
`;

let cached = null;

/** The CMP as one browser script (built on first use, then cached for the run). */
export function buildTcfCmp() {
  cached ??= build({
    stdin: { contents: SOURCE, resolveDir: path.resolve(import.meta.dirname, '../..'), loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return cached;
}
