import { safeDecode } from './choice';
import { signalFromTcString } from './tcf';
import type { ConsentSignal } from './types';

// Google Funding Choices: cookie `FCCDCF` = URL-encoded JSON array whose 4th element starts with the TC
// string, e.g. [null,null,null,["CP…","1~…"],…] (values as Funding Choices writes them, see
// __fixtures__/managers.ts). Newer values without a TC string carry no readable choice (null).
/** Parses `FCCDCF`: the embedded TC string, decoded as TCF and named Funding Choices. */
export function parseFundingChoices(name: string, value: string): ConsentSignal | null {
  if (name !== 'FCCDCF') return null;
  let data: unknown;
  try {
    data = JSON.parse(safeDecode(value));
  } catch {
    return null;
  }
  const slot = Array.isArray(data) ? (data[3] as unknown) : null;
  const tc = Array.isArray(slot) && typeof slot[0] === 'string' ? slot[0] : null;
  return tc ? signalFromTcString(tc, `cookie:${name}`, 'funding-choices') : null;
}

// consentmanager.net: cookie `__cmpconsentx<cmpId>` holds the visitor's TC string (the `__cmpcccx<id>`
// companion is consentmanager's own encoding and is only used to name the tool).
/** Parses `__cmpconsentx<id>` as a TC string named consentmanager. */
export function parseConsentmanager(name: string, value: string): ConsentSignal | null {
  if (!/^__cmpconsentx\d{1,12}$/.test(name)) return null;
  return signalFromTcString(safeDecode(value), `cookie:${name}`, 'consentmanager');
}
