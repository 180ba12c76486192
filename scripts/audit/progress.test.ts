import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.mjs';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream };
}

describe('createProgress', () => {
  it('on a pipe, writes one progress line per finished site with the rate', () => {
    let now = 0;
    const { out, s } = stream(false);
    const p = createProgress({ total: 4, done: 1, stream: s, now: () => now });
    p.start('a');
    p.log('[2/4] a: loading');
    now = 60_000;
    p.finish('a', false);
    expect(out).toEqual([
      '[2/4] a: loading\n',
      'progress: [############............] 2/4 sites · 0 running · 1 failed · 1.0 sites/min · about 2 min left\n',
    ]);
  });
  it('on a terminal, redraws the bar in place and keeps log lines above it', () => {
    const { out, s } = stream(true);
    const p = createProgress({ total: 2, done: 0, stream: s, now: () => 0 });
    p.start('a');
    p.log('hello');
    p.end();
    expect(out.join('')).toBe(
      '[........................] 0/2 sites · 1 running · 0 failed · 0.0 sites/min' +
        '\r\x1b[Khello\n' +
        '[........................] 0/2 sites · 1 running · 0 failed · 0.0 sites/min' +
        '\r\x1b[K',
    );
  });
});
