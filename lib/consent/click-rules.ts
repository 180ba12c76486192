/**
 * Click selectors of autoconsent's rules (@duckduckgo/autoconsent, MPL-2.0), reduced to what classifying a
 * visitor's click needs. `click-rules.json` is generated from the installed rules.json by
 * `extractClickRules` (regenerate: `UPDATE_CLICK_RULES=1 npx vitest run lib/consent/click-rules.test.ts`).
 */

/** One rule step as in autoconsent's rules.json (only the keys we read). */
export interface RuleStep {
  click?: string | string[];
  waitForThenClick?: string | string[];
  exists?: string | string[];
  visible?: string | string[];
  if?: RuleStep;
  then?: RuleStep[];
  else?: RuleStep[];
  any?: RuleStep[];
  all?: boolean;
}

export interface RuleLike {
  name: string;
  prehideSelectors?: string[];
  detectCmp?: RuleStep[];
  detectPopup?: RuleStep[];
  optIn?: RuleStep[];
  optOut?: RuleStep[];
}

/** What a rule tells us about its buttons. */
export interface ClickRule {
  /** Opt-in buttons that are a whole path on their own (one click = accept). */
  accept: string[];
  /** Opt-out buttons that are a whole path on their own (one click = refuse). */
  reject: string[];
  /** Every other button the rule clicks (settings, toggles, save): a choice only if its text says so. */
  other: string[];
  /** The banner's own elements (pre-hide, else detection selectors): a click inside is inside the manager. */
  containers: string[];
}

const MAX_PATHS = 32;

function selectors(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Every click path through a step list (`if` and `any` branch; capped), each as its click selectors in order. */
function paths(steps: readonly RuleStep[] | undefined): string[][] {
  let out: string[][] = [[]];
  for (const step of steps ?? []) {
    let branches: string[][];
    if (step.if) branches = [...paths(step.then), ...paths(step.else)];
    else if (step.any) branches = step.any.flatMap((s) => paths([s]));
    else {
      // A click on "all" matches is a toggle sweep, not a button; it never ends a path as the choice.
      const c = [...selectors(step.click), ...selectors(step.waitForThenClick)];
      branches = [step.all ? c.map((s) => `\u0000${s}`) : c];
    }
    if (branches.length === 0) branches = [[]];
    out = out.flatMap((p) => branches.map((b) => [...p, ...b])).slice(0, MAX_PATHS);
  }
  return out;
}

function presence(steps: readonly RuleStep[] | undefined, out: Set<string>): void {
  for (const s of steps ?? []) {
    for (const sel of [...selectors(s.exists), ...selectors(s.visible)]) out.add(sel);
    if (s.if) presence([s.if], out);
    presence(s.then, out);
    presence(s.else, out);
    presence(s.any, out);
  }
}

/** The click rule of one autoconsent rule, or null when it clicks nothing we can see. */
export function clickRuleOf(rule: RuleLike): ClickRule | null {
  const inPaths = paths(rule.optIn);
  const outPaths = paths(rule.optOut);
  const clean = (s: string) => s.replace(/^\u0000/, '');
  const all = new Set([...inPaths.flat(), ...outPaths.flat()].map(clean));
  const single = (ps: string[][]) =>
    ps.filter((p) => p.length === 1 && !p[0]!.startsWith('\u0000')).map((p) => p[0]!);
  const inAny = new Set(inPaths.flat().map(clean));
  const outAny = new Set(outPaths.flat().map(clean));
  // A selector used on both sides (tarteaucitron's "#tarteaucitronPersonalize") decides nothing by itself.
  const accept = [...new Set(single(inPaths))].filter((s) => !outAny.has(s));
  const reject = [...new Set(single(outPaths))].filter((s) => !inAny.has(s));
  const other = [...all].filter((s) => !accept.includes(s) && !reject.includes(s));
  // The pre-hide selectors are the banner's own boxes; rules without them name it in their detection.
  const containers = new Set<string>(rule.prehideSelectors ?? []);
  if (containers.size === 0) presence(rule.detectCmp, containers);
  if (all.size === 0 && containers.size === 0) return null;
  return { accept, reject, other, containers: [...containers] };
}

/** name → click rule for every rule that has one. */
export function extractClickRules(rules: readonly RuleLike[]): Record<string, ClickRule> {
  const out: Record<string, ClickRule> = {};
  for (const r of rules) {
    const c = clickRuleOf(r);
    if (c && typeof r.name === 'string') out[r.name] = c;
  }
  return out;
}

// autoconsent's code-based rules (lib/cmps/*.ts in @duckduckgo/autoconsent 16.23.0) keep their selectors in
// code, not in rules.json: these are copied from those files, one entry per class `name`.
export const CODE_RULES: Readonly<Record<string, ClickRule>> = {
  Klaro: {
    accept: ['.klaro .cm-btn-accept-all', '.klaro .cookie-notice .cm-btn-success'],
    reject: ['.klaro .cn-decline'],
    other: ['.cm-btn-accept', '.cm-button'],
    containers: ['.klaro > .cookie-notice', '.klaro > .cookie-modal', '.klaro'],
  },
  Onetrust: {
    accept: ['#onetrust-accept-btn-handler', '#accept-recommended-btn-handler', '.js-accept-cookies'],
    reject: ['#onetrust-reject-all-handler', '.ot-pc-refuse-all-handler', '.js-reject-cookies'],
    other: [
      '#onetrust-pc-btn-handler',
      '.save-preference-btn-handler',
      '.js-consent-save',
      '.onetrust-close-btn-handler',
    ],
    containers: ['#onetrust-banner-sdk', '#onetrust-pc-sdk', '#onetrust-consent-sdk'],
  },
  Cybotcookiebot: {
    accept: ['#CybotCookiebotDialogBodyButtonAccept', '#CybotCookiebotDialogBodyLevelButtonAccept'],
    reject: ['#CybotCookiebotDialogBodyLevelButtonLevelOptinDeclineAll'],
    other: [],
    containers: ['#CybotCookiebotDialog'],
  },
  'consentmanager.net': {
    accept: ['.cmpboxbtnyes'],
    reject: ['.cmpboxbtnno'],
    other: ['.cmpboxbtnsave', '.cmpboxbtncustom', '.cmpboxbtnyescustomchoices', '#cmpbox .cmpmore'],
    containers: ['#cmpbox', '#cmpbox2', '#cmpwrapper'],
  },
  'TrustArc-top': {
    accept: ['#truste-consent-button'],
    reject: ['#truste-consent-required'],
    other: ['#truste-show-consent'],
    containers: ['#truste-consent-content', '.trustarc-banner-container', '#trustarc-banner-overlay'],
  },
  Uniconsent: {
    accept: ['.unic #unic-agree'],
    reject: [],
    other: ['.unic button'],
    containers: ['.unic .unic-box', '.unic .unic-bar', '.unic .unic-modal'],
  },
  Evidon: {
    accept: ['#_evidon-accept-button'],
    reject: ['#_evidon-decline-button', '#evidon-prefdiag-decline'],
    other: ['#_evidon-option-button'],
    containers: ['#_evidon_banner', '#evidon-prefdiag-overlay'],
  },
  Conversant: {
    accept: ['.cmp-main-button.cmp-main-button--primary'],
    reject: [],
    other: ['.cmp-main-button:not(.cmp-main-button--primary)'],
    containers: ['.cmp-root'],
  },
};
