import type { ClickRule } from './click-rules';

/** Content script → background (runtime.sendMessage): the click rule of the detected autoconsent rule. */
export const AUTOCONSENT_CLICK_RULE = 'autoconsent:clickRule';

export interface ClickRuleRequest {
  type: typeof AUTOCONSENT_CLICK_RULE;
  cmp: string;
}

export function isClickRuleRequest(value: unknown): value is ClickRuleRequest {
  const v = value as { type?: unknown; cmp?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === AUTOCONSENT_CLICK_RULE &&
    typeof v.cmp === 'string' &&
    v.cmp.length > 0 &&
    v.cmp.length <= 100
  );
}

/** Validates the background's answer before the content script uses its selectors. */
export function asClickRule(value: unknown): ClickRule | null {
  const v = value as Partial<Record<keyof ClickRule, unknown>> | null;
  if (typeof v !== 'object' || v === null) return null;
  const list = (x: unknown) =>
    Array.isArray(x)
      ? x.filter((s): s is string => typeof s === 'string' && s.length < 500).slice(0, 200)
      : [];
  return {
    accept: list(v.accept),
    reject: list(v.reject),
    other: list(v.other),
    containers: list(v.containers),
  };
}
