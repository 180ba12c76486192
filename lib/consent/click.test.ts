import { describe, expect, it } from 'vitest';
import rules from './click-rules.json';
import { CODE_RULES, type ClickRule } from './click-rules';
import {
  actionFromText,
  classifyClick,
  clickRuleNow,
  genericRule,
  shortLabel,
  UNNAMED_BANNER_RULE,
  type ElementLike,
} from './click';

/** A fake element that "matches" the given selectors (as Element.closest would for it or an ancestor). */
const el = (...selectors: string[]): ElementLike => ({
  closest: (s: string) => (selectors.includes(s) ? {} : null),
});
const rule = (name: string) => (rules as Record<string, ClickRule>)[name] ?? CODE_RULES[name] ?? null;

describe('actionFromText', () => {
  it('reads accept / reject / save in several languages', () => {
    for (const t of [
      'Accept all',
      'Alle akzeptieren',
      'Tout accepter',
      'Aceptar todo',
      'I agree',
      'Allow all cookies',
    ])
      expect(actionFromText(t), t).toBe('accept-all');
    for (const t of [
      'Reject all',
      'Decline',
      'Alle ablehnen',
      'Tout refuser',
      'Rechazar',
      'Deny',
      'Only necessary',
      'Accept only necessary cookies',
      'Nur notwendige Cookies',
      'Continuer sans accepter',
      'Only accept technically necessary cookies',
      'Accept necessary cookies',
      'Allow essential cookies only',
      'Use necessary cookies only',
      'Notwendige Cookies akzeptieren',
      'Accepter uniquement les cookies nécessaires',
      'Aceptar solo las necesarias',
      'Accetta solo i cookie tecnici',
      'Alleen noodzakelijke cookies',
      'Aceitar apenas os necessários',
    ])
      expect(actionFromText(t), t).toBe('reject-all');
    for (const t of [
      'Save settings',
      'Accept selection',
      'Auswahl speichern',
      'Enregistrer',
      'Guardar preferencias',
      'Confirm my choices',
    ])
      expect(actionFromText(t), t).toBe('save-settings');
  });
  it('names nothing for settings links and a notice\'s "Got it"', () => {
    for (const t of ['Settings', 'Manage preferences', 'Got it!', 'More information', '', '   '])
      expect(actionFromText(t), t).toBeNull();
  });
  it('keeps labels short', () => {
    expect(shortLabel('  Accept \n  all  ')).toBe('Accept all');
    expect(shortLabel('x'.repeat(500))).toHaveLength(80);
  });
});

describe('actionFromText: accepting everything in a save’s words', () => {
  it('is an accept (the untouched switches of a Save would read as a refusal)', () => {
    for (const t of [
      'Accept all and save',
      'Confirm all',
      'Conferma tutto',
      'Bevestig alles',
      'Alle bestätigen',
    ])
      expect(actionFromText(t), t).toBe('accept-all');
    for (const t of ['Accept selection', 'Confirm my choices', 'Save preferences', 'Confirm'])
      expect(actionFromText(t), t).toBe('save-settings');
    // A refusal's words still win.
    expect(actionFromText('Reject all and save my choices')).toBe('reject-all');
  });
});

describe('actionFromText: refusals in an accept’s words', () => {
  it('"not accepting" and "only necessary, all of it" are refusals, in each language', () => {
    for (const t of [
      'Accept all necessary cookies',
      'Alle notwendigen Cookies akzeptieren',
      'Non accetto',
      'Non acconsento',
      'Nega',
      'No, grazie',
      'Non merci',
      'Je n’accepte pas',
      "Don't accept",
      'No acepto',
      'No, gracias',
      'Não aceito',
      'Não, obrigado',
      'Niet akkoord',
      'Nee, bedankt',
      'Nein, danke',
      'Nicht erlauben',
      'Negar',
      'Ich lehne ab',
    ])
      expect(actionFromText(t), t).toBe('reject-all');
  });
  it('accepting what is more than necessary stays an accept; a word merely containing "nego" is nothing', () => {
    for (const t of [
      'Accept all non-necessary cookies',
      'Accetta tutti',
      'Alle erlauben',
      // The non-necessary, or the necessary and more (a review found these read as refusals).
      'Alle nicht notwendigen Cookies akzeptieren',
      'Alle nicht-notwendigen Cookies akzeptieren',
      'Nicht notwendige Cookies akzeptieren',
      'Accept all non-essential cookies',
      'Accept all essential and non-essential cookies',
      'Allow all necessary and analytics cookies',
    ])
      expect(actionFromText(t), t).toBe('accept-all');
    expect(actionFromText('Vai al negozio')).toBeNull();
  });
});

describe('classifyClick with autoconsent rules', () => {
  it('vanilla-cookieconsent v3 (rule cookieconsent3): its one-click buttons decide, the text refines', () => {
    const r = rule('cookieconsent3');
    expect(classifyClick(el('.cm__btn[data-role=all]', '#cc-main'), 'Accept all', r)).toBe('accept-all');
    // The rule's selector decides even when the site wrote an odd label.
    expect(classifyClick(el('.cm__btn[data-role=necessary]', '#cc-main'), 'Nope', r)).toBe('reject-all');
    // "Show preferences" opens settings: not a choice.
    expect(classifyClick(el('.cm__btn[data-role=show]', '#cc-main'), 'Manage preferences', r)).toBeNull();
    // Inside the preferences modal: the text decides.
    expect(classifyClick(el('#cc-main'), 'Save preferences', r)).toBe('save-settings');
    expect(classifyClick(el('#cc-main .pm__btn[data-role=necessary]', '#cc-main'), 'Reject all', r)).toBe(
      'reject-all',
    );
  });
  it('tarteaucitron: a selector both sides use decides by its text', () => {
    const r = rule('tarteaucitron.js');
    expect(classifyClick(el('#tarteaucitronPersonalize', '#tarteaucitronRoot'), 'Tout accepter', r)).toBe(
      'accept-all',
    );
    expect(classifyClick(el('#tarteaucitronAllDenied', '#tarteaucitronRoot'), '✗ Tout refuser', r)).toBe(
      'reject-all',
    );
    expect(classifyClick(el('#tarteaucitronClosePanel', '#tarteaucitronRoot'), 'Fermer', r)).toBeNull();
  });
  it("Osano's open-source banner (rule Complianz optin)", () => {
    const r = rule('Complianz optin');
    expect(classifyClick(el('.cc-allow'), 'Allow cookies', r)).toBe('accept-all');
    expect(classifyClick(el('.cc-deny'), 'Decline', r)).toBe('reject-all');
  });
  it('Klaro (code rule)', () => {
    const r = rule('Klaro');
    expect(classifyClick(el('.klaro .cn-decline', '.klaro'), 'I decline', r)).toBe('reject-all');
    expect(classifyClick(el('.klaro .cm-btn-accept-all', '.klaro'), 'Accept all', r)).toBe('accept-all');
    expect(classifyClick(el('.cm-btn-accept', '.klaro'), 'Accept selected', r)).toBe('save-settings');
  });
  it('clicks outside the manager are not choices, whatever their text', () => {
    expect(classifyClick(el('#add-to-cart'), 'Accept all', rule('cookieconsent3'))).toBeNull();
  });
  it('skips selectors the engine rejects', () => {
    const throwing: ElementLike = {
      closest: (s: string) => {
        if (s.includes(':has')) throw new Error('SyntaxError');
        return s === '.ok' ? {} : null;
      },
    };
    expect(
      classifyClick(throwing, 'Reject', {
        accept: [],
        reject: ['div:has(x)', '.ok'],
        other: [],
        containers: [],
      }),
    ).toBe('reject-all');
  });
  it('without a rule the text decides (the caller knows the click is in a manager)', () => {
    expect(classifyClick(el(), 'Reject all', null)).toBe('reject-all');
    expect(classifyClick(el(), 'Cookie settings', null)).toBeNull();
  });
  it('a manager named by its own evidence but unknown to autoconsent: text inside its banner only', () => {
    const r = genericRule('orejime');
    expect(classifyClick(el('[class*="orejime" i]'), 'Decline', r)).toBe('reject-all');
    expect(classifyClick(el('[role="dialog"]'), 'Accept', r)).toBe('accept-all');
    expect(classifyClick(el('[class*="cookie" i]'), 'Configure', r)).toBeNull();
    expect(classifyClick(el('#add-to-cart'), 'Accept', r)).toBeNull();
  });
  it("a click while the manager's rule is still being looked up is read, not dropped (CI: a Reject all lost)", () => {
    // OneTrust detected, the background not yet answered: its Reject all in `#onetrust-banner-sdk` is a refusal.
    const pending = clickRuleNow({ tool: 'onetrust', rule: null });
    expect(classifyClick(el('[id*="onetrust" i]'), 'Reject All', pending)).toBe('reject-all');
    expect(classifyClick(el('[id*="onetrust" i]'), 'Accept All Cookies', pending)).toBe('accept-all');
    // Still only inside a banner: the page's own buttons are no answer while the lookup runs.
    expect(classifyClick(el('#add-to-cart'), 'Accept', pending)).toBeNull();
    // Once the rule is in, it decides; nothing detected, the unnamed banner's rule.
    const known = rule('Onetrust')!;
    expect(clickRuleNow({ tool: 'onetrust', rule: known })).toBe(known);
    expect(clickRuleNow(null)).toBe(UNNAMED_BANNER_RULE);
  });
  it('a manager whose markup names its buttons: the button decides, not its words (vue-cookie-accept-decline)', () => {
    const r = genericRule('vue-cookie-accept-decline');
    // Its accept button says "Got It!" by default, a notice's words; its class says what it stores.
    const accept = el('.cookie [class*="__buttons__button--accept"]', '[class*="cookie" i]');
    expect(classifyClick(accept, 'Got It!', r)).toBe('accept-all');
    expect(classifyClick(el('.cookie [class*="__buttons__button--decline"]'), 'Opt Out', r)).toBe(
      'reject-all',
    );
    // The words still count in another manager's banner: "got it" is no consent there.
    expect(classifyClick(el('[class*="cookie" i]'), 'Got it!', genericRule('cookie-though'))).toBeNull();
  });
  it('a banner rendered in a shadow root: its host outside says it is the manager (Cookie Though)', () => {
    // The button is in the shadow root of `<div class="cookie-though">`; `closest` stops at the root.
    const host = el('[class*="cookie-though" i]', '[class*="cookie" i]');
    const inShadow = (...selectors: string[]): ElementLike => ({
      ...el(...selectors),
      getRootNode: () => ({ host }),
    });
    const r = genericRule('cookie-though');
    expect(classifyClick(inShadow('.ct-button-secondary'), 'Decline', r)).toBe('reject-all');
    expect(classifyClick(inShadow(), 'Accept all', r)).toBe('accept-all');
    expect(classifyClick(inShadow(), 'Customize', r)).toBeNull();
    // A shadow root under a host that is no manager's box stays outside.
    const elsewhere: ElementLike = { ...el(), getRootNode: () => ({ host: el('#product-widget') }) };
    expect(classifyClick(elsewhere, 'Accept all', r)).toBeNull();
    // A rule's one-click opt-out must be the button itself: a host matching it makes no button inside an opt-out.
    const optOutHost: ElementLike = { ...el(), getRootNode: () => ({ host: el('#reject-host') }) };
    const oneClick = { accept: [], reject: ['#reject-host'], other: [], containers: [] };
    expect(classifyClick(optOutHost, 'Settings', oneClick)).toBeNull();
  });
  it('a banner nothing names: text inside an element named cookie, consent or GDPR only, never any dialog', () => {
    const r = UNNAMED_BANNER_RULE;
    expect(classifyClick(el('[id*="cookie" i]'), 'Accept all', r)).toBe('accept-all');
    expect(classifyClick(el('[class*="consent" i]'), 'Deny', r)).toBe('reject-all');
    expect(classifyClick(el('[class*="gdpr" i]'), 'Save my choices', r)).toBe('save-settings');
    expect(classifyClick(el('[role="dialog"]'), 'Allow notifications', r)).toBeNull();
    expect(classifyClick(el('[aria-modal="true"]'), 'Accept', r)).toBeNull();
    expect(classifyClick(el('[id*="cookie" i]'), 'Learn more', r)).toBeNull();
  });
});
