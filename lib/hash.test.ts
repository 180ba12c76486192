import { expect, it } from 'vitest';
import { hashString } from './hash';

it('is stable, fixed-width and sensitive to every character', () => {
  expect(hashString('abc')).toBe(hashString('abc'));
  expect(hashString('abc')).toHaveLength(14);
  expect(hashString('abc')).not.toBe(hashString('abd'));
  expect(hashString('')).not.toBe(hashString(' '));
  expect(hashString('x'.repeat(5000))).toMatch(/^[0-9a-f]{14}$/);
});
