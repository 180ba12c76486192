/** Reading the consent content script's answer to `autoconsent:optOut` (untrusted, shape may vary). */

export interface OptOutResult {
  ok: boolean;
  tool: string | null;
  message?: string;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : null;
}

/**
 * Normalises the reply: `{ ok | optOut | result: boolean, cmp | tool: string, error | message: string }`.
 * No reply (no content script, no listener) or an exception message is a failure with the reason.
 */
export function parseOptOutReply(reply: unknown, error?: unknown): OptOutResult {
  if (error !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, tool: null, message: `the consent script did not answer (${message.slice(0, 200)})` };
  }
  if (typeof reply !== 'object' || reply === null) {
    return { ok: false, tool: null, message: 'the consent script did not answer' };
  }
  const r = reply as Record<string, unknown>;
  const flag = [r.ok, r.optOut, r.result].find((v) => typeof v === 'boolean') as boolean | undefined;
  const tool = text(r.cmp) ?? text(r.tool);
  const message = text(r.error) ?? text(r.message) ?? undefined;
  if (flag === true) return message ? { ok: true, tool, message } : { ok: true, tool };
  const why =
    message ??
    (tool
      ? `autoconsent could not refuse on ${tool}`
      : 'no consent tool that autoconsent can refuse was found');
  return { ok: false, tool, message: why };
}
