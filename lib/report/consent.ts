/** Consent events in words, and their decoded detail as readable lines. */
import type { ConsentEvent } from '../consent/types';
import { toolName } from './verdict';

/** e.g. "OneTrust banner shown", "Cookiebot: rejected all", "IAB TCF: custom (allowed: analytics)". */
export function consentEventText(e: ConsentEvent): string {
  const tool = toolName(e.tool);
  const carried = e.carriedOver ? ' (stored before this visit)' : '';
  if (e.state === 'banner') return `${tool} banner shown${carried}`;
  const granted = e.choice?.granted.filter((c) => c !== 'necessary') ?? [];
  const kind = e.choice?.kind;
  const what =
    kind === 'accept-all'
      ? 'accepted all'
      : kind === 'reject-all'
        ? 'rejected all'
        : kind === 'custom'
          ? `custom choice (${granted.length ? `allowed: ${granted.join(', ')}` : 'only necessary'})`
          : 'choice recorded';
  return `${tool}: ${what}${carried}`;
}

/** The decoded signal as pretty JSON (stable key order), or null when the parser decoded nothing. */
export function decodedText(e: ConsentEvent): string | null {
  if (!e.decoded || typeof e.decoded !== 'object') return null;
  try {
    return JSON.stringify(e.decoded, null, 2);
  } catch {
    return null;
  }
}
