import { TCString } from '@iabtcf/core';
import type { Category } from '../category';
import { choiceFromToggles, clip, type Toggle } from './choice';
import type { ConsentSignal } from './types';

/**
 * TCF v2.2 purposes → our categories. Explicit and derived (our reading of the purpose names, not IAB's):
 * 1 store/access information on a device: needed by every other purpose, so it maps to no category alone;
 * 2 use limited data to select advertising, 3 create profiles for personalised advertising,
 * 4 use profiles to select personalised advertising, 7 measure advertising performance → advertising;
 * 5 create profiles to personalise content, 6 use profiles to select personalised content → marketing;
 * 8 measure content performance, 9 understand audiences (statistics), 10 develop and improve services → analytics;
 * 11 use limited data to select content → functional.
 */
export const TCF_PURPOSE_CATEGORIES: Readonly<Record<number, readonly Category[]>> = {
  1: [],
  2: ['advertising'],
  3: ['advertising'],
  4: ['advertising'],
  5: ['marketing'],
  6: ['marketing'],
  7: ['advertising'],
  8: ['analytics'],
  9: ['analytics'],
  10: ['analytics'],
  11: ['functional'],
};

/** Ids set in an @iabtcf/core Vector, ascending. */
function setIds(vector: { forEach(cb: (value: boolean, id: number) => void): void }): number[] {
  const ids: number[] = [];
  vector.forEach((value, id) => {
    if (value) ids.push(id);
  });
  return ids;
}

/** Longest vendor list kept on a signal (the count is always exact). */
const MAX_VENDORS = 500;

/**
 * Decodes an IAB TCF v2 TC string (cookie `euconsent-v2`, `__tcfapi` tcData.tcString, GPP section 2).
 * A TC string is only written once the visitor answered, so it is always a choice. Returns null when
 * the string does not decode.
 */
export function signalFromTcString(tcString: string, via: string, tool = 'tcf'): ConsentSignal | null {
  const text = tcString.trim();
  if (!/^[A-Za-z0-9_\-.]{8,20000}$/.test(text)) return null;
  let model;
  try {
    model = TCString.decode(text);
  } catch {
    return null;
  }
  if (model.version !== 2) return null;
  const purposes = setIds(model.purposeConsents);
  const toggles: Toggle[] = [];
  for (let id = 2; id <= 11; id++) {
    toggles.push({
      id: `purpose-${id}`,
      granted: purposes.includes(id),
      categories: TCF_PURPOSE_CATEGORIES[id] ?? [],
    });
  }
  const vendors = setIds(model.vendorConsents);
  const choice = choiceFromToggles(toggles);
  // Without purpose 1 (store/access) nothing may be stored or read, whatever else was ticked.
  if (!purposes.includes(1)) {
    choice.granted = ['necessary'];
    if (choice.kind === 'accept-all') choice.kind = 'custom';
  }
  return {
    tool,
    state: 'choice',
    choice,
    via,
    raw: clip(text),
    decoded: {
      cmpId: model.cmpId,
      cmpVersion: model.cmpVersion,
      policyVersion: model.policyVersion,
      vendorListVersion: model.vendorListVersion,
      created: model.created?.toISOString() ?? null,
      lastUpdated: model.lastUpdated?.toISOString() ?? null,
      purposeConsents: purposes,
      purposeLegitimateInterests: setIds(model.purposeLegitimateInterests),
      specialFeatureOptins: setIds(model.specialFeatureOptins),
      vendorConsentCount: vendors.length,
      vendorConsents: vendors.slice(0, MAX_VENDORS),
      publisherCountryCode: model.publisherCountryCode,
    },
  };
}

/** Parses the `euconsent-v2` cookie that TCF CMPs (Quantcast, Didomi, OneTrust, Sourcepoint…) write. */
export function parseEuconsent(name: string, value: string): ConsentSignal | null {
  if (name !== 'euconsent-v2') return null;
  return signalFromTcString(value, 'cookie:euconsent-v2');
}

/** The parts of a `__tcfapi` `tcData` object we read (TCF v2.2 CMP API). */
export interface TcData {
  tcString?: unknown;
  eventStatus?: unknown;
  cmpStatus?: unknown;
  gdprApplies?: unknown;
  cmpId?: unknown;
}

/**
 * Reads a `__tcfapi('addEventListener')` callback's tcData. `cmpuishown` = the banner is showing;
 * `tcloaded` / `useractioncomplete` carry the TC string of a stored or just-made choice.
 */
export function signalFromTcData(tcData: TcData): ConsentSignal | null {
  if (typeof tcData !== 'object' || tcData === null) return null;
  const status = typeof tcData.eventStatus === 'string' ? tcData.eventStatus : '';
  const cmpId = typeof tcData.cmpId === 'number' ? tcData.cmpId : null;
  if (status === 'cmpuishown') {
    return {
      tool: 'tcf',
      state: 'banner',
      via: 'tcfapi',
      raw: status,
      decoded: { eventStatus: status, cmpId },
    };
  }
  // gdprApplies false: the CMP asked nothing, so its string records no visitor choice.
  if (tcData.gdprApplies === false) return null;
  if ((status === 'tcloaded' || status === 'useractioncomplete') && typeof tcData.tcString === 'string') {
    const signal = signalFromTcString(tcData.tcString, 'tcfapi');
    if (signal) {
      signal.decoded = { ...signal.decoded, eventStatus: status, gdprApplies: tcData.gdprApplies === true };
      // TCF CMP API: `tcloaded` surfaces a TC string that existed without the UI being shown this time.
      if (status === 'tcloaded') signal.stored = true;
    }
    return signal;
  }
  return null;
}
