import { clip } from './choice';
import { signalFromTcString } from './tcf';
import type { ConsentSignal } from './types';

/** GPP section ids → API prefix names, from the IAB GPP "Section Information" table. */
export const GPP_SECTIONS: Readonly<Record<number, string>> = {
  1: 'tcfeuv1',
  2: 'tcfeuv2',
  3: 'gpp-header',
  5: 'tcfcav1',
  6: 'uspv1',
  7: 'usnat',
  8: 'usca',
  9: 'usva',
  10: 'usco',
  11: 'usut',
  12: 'usct',
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBits(text: string): string | null {
  let bits = '';
  for (const ch of text) {
    const v = B64URL.indexOf(ch);
    if (v < 0) return null;
    bits += v.toString(2).padStart(6, '0');
  }
  return bits;
}

/** Reads one Fibonacci-coded integer (terminated by "11") at `pos`; returns [value, nextPos]. */
function readFibonacci(bits: string, pos: number): [number, number] | null {
  const fib = [1, 2];
  let value = 0;
  for (let i = pos; i < bits.length - 1 && i - pos < 40; i++) {
    const k = i - pos;
    while (fib.length <= k) fib.push((fib[fib.length - 1] ?? 0) + (fib[fib.length - 2] ?? 0));
    if (bits[i] === '1') {
      value += fib[k] ?? 0;
      if (bits[i + 1] === '1') return [value, i + 2];
    }
  }
  return null;
}

/**
 * Decodes a GPP header (type 3, version, then a Fibonacci integer range of section ids).
 * Returns the section ids in string order, or null when it is not a GPP header.
 */
export function gppSectionIds(header: string): number[] | null {
  const bits = toBits(header);
  if (!bits || bits.length < 24 || parseInt(bits.slice(0, 6), 2) !== 3) return null;
  const count = parseInt(bits.slice(12, 24), 2);
  const ids: number[] = [];
  let pos = 24;
  let last = 0;
  for (let i = 0; i < count && ids.length < 64; i++) {
    const isRange = bits[pos] === '1';
    const first = readFibonacci(bits, pos + 1);
    if (!first) return null;
    const start = last + first[0];
    pos = first[1];
    if (isRange) {
      const span = readFibonacci(bits, pos);
      if (!span) return null;
      pos = span[1];
      for (let id = start; id <= start + span[0] && ids.length < 64; id++) ids.push(id);
      last = start + span[0];
    } else {
      ids.push(start);
      last = start;
    }
  }
  return ids;
}

/**
 * Reads an IAB GPP string (`__gpp` cookie or `__gpp` API): the header's section ids, and the TCF EU v2
 * section decoded as a TC string. US-state sections are recognised by id but not decoded (see README).
 */
export function signalFromGppString(gpp: string, via: string): ConsentSignal | null {
  const text = gpp.trim();
  if (text.length > 20000) return null;
  const [header, ...sections] = text.split('~');
  const ids = gppSectionIds(header ?? '');
  if (!ids || ids.length !== sections.length) return null;
  const names = ids.map((id) => GPP_SECTIONS[id] ?? `section-${id}`);
  const tcfIndex = ids.indexOf(2);
  if (tcfIndex >= 0) {
    const tcf = signalFromTcString(sections[tcfIndex] ?? '', via, 'gpp');
    if (tcf) {
      tcf.raw = clip(text);
      tcf.decoded = { ...tcf.decoded, gppSections: names };
      return tcf;
    }
  }
  // Without a decodable EU section it carries US opt-out signals, not a GDPR banner choice.
  return {
    tool: 'gpp',
    state: 'choice',
    evidence: 'gpp',
    via,
    raw: clip(text),
    decoded: { gppSections: names },
  };
}

/** Parses the `__gpp` cookie. */
export function parseGppCookie(name: string, value: string): ConsentSignal | null {
  if (name !== '__gpp') return null;
  return signalFromGppString(value, 'cookie:__gpp');
}

/** The parts of a `__gpp('addEventListener')` event's pingData we read (GPP CMP API v1.1). */
export interface GppPingData {
  gppString?: unknown;
  cmpDisplayStatus?: unknown;
  signalStatus?: unknown;
}

/** Reads a `__gpp` event: a visible CMP UI is a banner, a ready signal carries the GPP string. */
export function signalFromGppPing(ping: GppPingData): ConsentSignal | null {
  if (typeof ping !== 'object' || ping === null) return null;
  if (ping.cmpDisplayStatus === 'visible') {
    return {
      tool: 'gpp',
      state: 'banner',
      via: 'gppapi',
      raw: 'visible',
      decoded: { cmpDisplayStatus: 'visible' },
    };
  }
  if (ping.signalStatus === 'ready' && typeof ping.gppString === 'string' && ping.gppString.length > 0) {
    return signalFromGppString(ping.gppString, 'gppapi');
  }
  return null;
}
