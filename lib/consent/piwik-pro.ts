import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

/** Piwik PRO consent types (its "Consent types reference") → categories; custom_consent stays unmapped. */
const TYPES: Record<string, readonly Category[]> = {
  analytics: ['analytics'],
  ab_testing_and_personalization: ['functional'],
  conversion_tracking: ['advertising'],
  marketing_automation: ['marketing'],
  remarketing: ['advertising', 'marketing'],
  user_feedback: ['analytics'],
};

// Piwik PRO Consent Manager: cookie `ppms_privacy_<appId>` = JSON {visitorId, domain:{…}, consents:
// {<consentType>: {status: 1|0|-1, updatedAt}}}, 1 granted, 0 refused, -1 not decided
// (github.com/PiwikPRO/PPMS-PublicDocs consent_manager/js_api/reference.rst lists the consent types;
// commands.rst names the `ppms_privacy_[appId]` cookie; status values as the cookie holds them).
/** Parses `ppms_privacy_<appId>`; only decided types count, none decided = no choice yet. */
export function parsePiwikPro(name: string, value: string): ConsentSignal | null {
  if (!/^ppms_privacy_[A-Za-z0-9-]{1,64}$/.test(name)) return null;
  const consents = jsonObject(safeDecode(value))?.consents;
  if (typeof consents !== 'object' || consents === null || Array.isArray(consents)) return null;
  const toggles: Toggle[] = [];
  for (const [id, entry] of Object.entries(consents as Record<string, unknown>).slice(0, 50)) {
    const status = (entry as { status?: unknown } | null)?.status;
    if (status === 1 || status === 0)
      toggles.push({ id, granted: status === 1, categories: TYPES[id] ?? [] });
  }
  if (toggles.length === 0) return null;
  return {
    tool: 'piwik-pro',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { consents: Object.fromEntries(toggles.map((t) => [t.id, t.granted])) },
  };
}
