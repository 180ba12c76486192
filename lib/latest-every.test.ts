import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestEvery } from './latest-every';

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

describe('latestEvery', () => {
  it('sends the first moment at once and the latest of a burst when its span ends', () => {
    const sent: number[] = [];
    const note = latestEvery(5_000, (at) => sent.push(at));
    note(1_000);
    expect(sent).toEqual([1_000]);
    note(2_000);
    note(4_000);
    note(3_000); // out of order: the latest time still wins
    expect(sent).toEqual([1_000]);
    vi.advanceTimersByTime(3_999);
    expect(sent).toEqual([1_000]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1_000, 4_000]);
  });

  it('a moment a whole span after the last one sent goes at once', () => {
    const sent: number[] = [];
    const note = latestEvery(5_000, (at) => sent.push(at));
    note(0);
    note(5_000);
    note(10_500);
    expect(sent).toEqual([0, 5_000, 10_500]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the span after a delayed send starts from the moment it sent', () => {
    const sent: number[] = [];
    const note = latestEvery(5_000, (at) => sent.push(at));
    note(0);
    note(1_000);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([0, 1_000]);
    vi.setSystemTime(5_500);
    note(5_500); // 4.5 s after the moment last sent: waits for the span to end
    expect(sent).toEqual([0, 1_000]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([0, 1_000, 5_500]);
  });

  it('a clock set back an hour does not hold every later moment for an hour', () => {
    const sent: number[] = [];
    const note = latestEvery(5_000, (at) => sent.push(at));
    const start = 10 * 3_600_000;
    note(start);
    // The system clock steps back an hour (a manual change, an NTP step after sleep); the visitor clicks 10 s later.
    note(start - 3_600_000 + 10_000);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([start, start - 3_600_000 + 10_000]);
  });
});
