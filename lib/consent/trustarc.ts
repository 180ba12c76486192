import { clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

/**
 * TrustArc consent cookies. Levels are numbered by the site's TrustArc setup, so beyond "required only"
 * their meaning is not known to us: `cmapi_cookie_privacy=permit 1` = required only (reject-all),
 * `permit 1,2,3` = more levels allowed (a choice we cannot map). `notice_gdpr_prefs=0,1,2:` lists allowed
 * levels from 0 (required); `notice_preferences=2:` holds the highest allowed level.
 */
export function parseTrustArc(name: string, value: string): ConsentSignal | null {
  const v = safeDecode(value).trim();
  let levels: number[] | null = null;
  let requiredLevel = 0;
  if (name === 'cmapi_cookie_privacy') {
    const list = /^permit ([\d,]{1,40})$/.exec(v)?.[1];
    if (list) levels = list.split(',').filter(Boolean).map(Number);
    requiredLevel = 1;
  } else if (name === 'notice_gdpr_prefs') {
    const list = /^([\d,]{1,40}):/.exec(v)?.[1];
    if (list) levels = list.split(',').filter(Boolean).map(Number);
  } else if (name === 'notice_preferences') {
    const top = /^(\d{1,2}):/.exec(v)?.[1];
    if (top) levels = Array.from({ length: Number(top) + 1 }, (_, i) => i);
  } else {
    return null;
  }
  if (!levels || levels.length === 0) return null;
  const base = {
    tool: 'trustarc',
    state: 'choice' as const,
    via: `cookie:${name}`,
    raw: clip(v),
    decoded: { levels },
  };
  const requiredOnly = levels.every((l) => l === requiredLevel);
  return requiredOnly ? { ...base, choice: { kind: 'reject-all', granted: ['necessary'] } } : base;
}
