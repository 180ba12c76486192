import { it, expect } from 'vitest';
import { needsConsent } from './category';
it('marketing needs consent', () => {
  expect(needsConsent('marketing')).toBe(true);
  expect(needsConsent('necessary')).toBe(false);
});
