import rules from './click-rules.json';
import { CODE_RULES, type ClickRule } from './click-rules';

const JSON_RULES = rules as Readonly<Record<string, ClickRule>>;

/** The click rule for an autoconsent rule name (json rules, then the code-based ones), or null. */
export function clickRuleFor(cmp: string): ClickRule | null {
  if (typeof cmp !== 'string') return null;
  return (
    (Object.hasOwn(JSON_RULES, cmp) ? JSON_RULES[cmp] : null) ??
    (Object.hasOwn(CODE_RULES, cmp) ? CODE_RULES[cmp] : null) ??
    null
  );
}
