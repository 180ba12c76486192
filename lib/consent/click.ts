import type { ClickRule } from './click-rules';

/** What a visitor's click in a consent manager did. */
export const CLICK_ACTIONS = ['accept-all', 'reject-all', 'save-settings'] as const;
export type ClickAction = (typeof CLICK_ACTIONS)[number];

/** The part of a DOM Element we need (a real Element fits; tests pass a fake). */
export interface ElementLike {
  closest(selector: string): unknown;
  /** Its tree's root (real Elements have it): for an element in a shadow root, the root's `host` is outside. */
  getRootNode?(): unknown;
}

/** Buttons are what we classify; a click on a span inside a button counts as the button. */
export const BUTTON_SELECTOR =
  'button, a, [role="button"], input[type="button"], input[type="submit"], [onclick], [data-cc], [data-role]';

/** Longest label kept: buttons have short texts; anything longer is cut. */
export const MAX_LABEL = 80;

/** A button's visible text, whitespace collapsed and cut to MAX_LABEL characters. */
export function shortLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);
}

// Button texts, several languages (EN, DE, FR, ES, IT, NL, PT). Order matters: "accept selection" is a
// save, "accept only necessary" is a refusal, so save and reject are tested before accept; and a refusal's words
// beside a save's ("Reject all and save my choices", a hidden span can add the second) are the refusal.
const SAVE =
  /\b(save|confirm|submit)\b|accept (the )?(selected|selection|chosen)|allow (the )?selection|speichern|auswahl (bestätigen|akzeptieren|erlauben|übernehmen)|enregistrer|valider|accepter (la )?sélection|guardar|confirmar|aceptar (la )?selecci[oó]n|salva|conferma|opslaan|bevestig|salvar|permitir (la )?sele(cci[oó]n|[cç][aã]o)|consenti (la )?selezione|selectie toestaan/;
// Accepting only what is necessary is a refusal, however it is worded ("Only accept technically necessary cookies",
// "Accept necessary", "Use essential cookies only"); not the non-necessary ("Alle nicht notwendigen Cookies
// akzeptieren"), nor the necessary and more ("Allow all necessary and analytics cookies").
const NOT_BEFORE = '(?<!\\b(non|nicht|not|no|un)[ -]?)';
const NECESSARY = `(strictly |technically |the )*${NOT_BEFORE}(necessary|essential|required)`;
const NOTHING_MORE = '(?!( cookies)? (and|&|\\+|und|et|y|e|en|plus) )';
const REJECT = new RegExp(
  [
    "reject|decline|deny|refuse|disagree|(do not|don['’]?t) (accept|agree|allow)|opt[ -]?out|no,? thanks",
    'ablehnen|verweigern|nicht (akzeptieren|zustimmen|einverstanden)|refuser|je refuse|rechazar|rechazo|denegar',
    'rifiut|\\bneg(a|o|ar)\\b|weiger|afwijzen|recusar|rejeitar|lehne ab',
    // Not accepting, in words an accept's might share ("Non accetto", "No acepto", "Je n'accepte pas").
    "nein,? danke|nicht (erlauben|zulassen)|non merci|n['’]?accepte pas|ne pas accepter|no,? gracias|no (acepto|aceptar)",
    'non (accett|acconsent|consent)|no,? grazie|niet (akkoord|accepteren|toestaan)|nee,? bedankt',
    'n[aã]o (aceit|permit|concord)|n[aã]o,? obrigad',
    `only ${NECESSARY}|${NECESSARY}( cookies)? only|only (accept|allow|use) ${NECESSARY}|(accept|allow|use) (only )?(all )?${NECESSARY}\\b${NOTHING_MORE}`,
    `nur (technisch )?(notwendige|essenzielle|erforderliche)|(alle )?(?<!nicht[ -])(notwendigen?|essenziellen?|erforderlichen?) (cookies )?akzeptieren`,
    'uniquement (les )?(cookies )?(nécessaires|essentiels|obligatoires)|(nécessaires|essentiels) uniquement',
    's[oó]lo (las |los )?(cookies )?(necesari[ao]s|esenciales|t[eé]cnicas)|solo (i )?(cookie )?(necessari|essenziali|tecnici)',
    'alleen (noodzakelijke|functionele|essenti[eë]le)|apenas (os )?(cookies )?(necess[aá]rios|essenciais)',
    'continue without|continuer sans|seguir sin|continua senza|sans accepter',
  ].join('|'),
);
/**
 * Accepting everything, in words a save's might share ("Accept all and save", "Confirm all", "Alle bestätigen"): an
 * accept, not saved settings (whose switches, untouched, would read as a refusal). Not when "all" is of the
 * visitor's own settings ("Confirm all choices", "Bevestig alle keuzes"): that is a save.
 */
const ALL_WORDS = 'all|everything|alle|alles|tout|toutes|tous|todo|todas|todos|tutto|tutte|tutti|tudo';
const OWN_SETTINGS =
  '(?! (the |my |your |mes |vos |le |les |la |las |los |i |meine |ihre |de |mijn |uw )?(settings|choices|preferences|selection|selected|einstellungen|auswahl|choix|préférences|param[eè]tres|preferencias|selecci[oó]n|opciones|preferenze|scelte|selezione|impostazioni|keuzes|voorkeuren|instellingen|selectie|prefer[eê]ncias|escolhas|sele[cç][aã]o))';
const ACCEPT_EVERYTHING = new RegExp(
  `\\b(accept|allow|agree( to)?|confirm|akzeptieren|erlauben|zulassen|bestätigen|accepter|autoriser|aceptar|permitir|confirmar|accett|consenti|conferma|accepteren|toestaan|bevestig|aceitar)\\w* (${ALL_WORDS})\\b${OWN_SETTINGS}|\\b(${ALL_WORDS}) (accept|allow|akzeptieren|annehmen|erlauben|zulassen|bestätigen|accepter|autoriser|aceptar|accett|accepteren|toestaan|bevestig|aceitar)`,
);
const ACCEPT =
  /accept|agree|allow( all)?|i consent|akzeptieren|zustimmen|einverstanden|annehmen|erlauben|zulassen|accepter|autoriser|j'accepte|d'accord|aceptar|acepto|permitir|accett|consenti|acconsento|accepteren|akkoord|toestaan|aceitar|concordo/;

/**
 * The action a button text names, or null when it names none ("Settings", "More", "Got it": a notice's
 * "got it" is not consent). Multilingual basics; see SAVE/REJECT/ACCEPT.
 */
export function actionFromText(text: string): ClickAction | null {
  const t = shortLabel(text).toLowerCase();
  if (!t) return null;
  if (REJECT.test(t)) return 'reject-all';
  if (ACCEPT_EVERYTHING.test(t)) return 'accept-all';
  if (SAVE.test(t)) return 'save-settings';
  if (ACCEPT.test(t)) return 'accept-all';
  return null;
}

/**
 * A banner nothing names (no autoconsent rule, no manager evidence): only an element whose id or class says cookie,
 * consent or GDPR. A dialog alone is not enough: newsletters, logins and "allow notifications" ask in dialogs too.
 */
export const UNNAMED_BANNER_RULE: ClickRule = {
  accept: [],
  reject: [],
  other: [],
  containers: ['cookie', 'consent', 'gdpr'].flatMap((w) => [`[id*="${w}" i]`, `[class*="${w}" i]`]),
};

/**
 * The one-click buttons of managers autoconsent has no rule for, from their own markup, where the button's words do
 * not say what it stores.
 */
const MANAGER_BUTTONS: Readonly<Record<string, Pick<ClickRule, 'accept' | 'reject'>>> = {
  // vue-cookie-accept-decline 6.1.0 (src/vue-cookie-accept-decline.vue): `cookie__<type>__buttons__button--accept`
  // stores `accept` and says "Got It!" by default (a notice's words, here its consent button); `--decline` stores
  // `decline` ("Opt Out").
  'vue-cookie-accept-decline': {
    accept: ['.cookie [class*="__buttons__button--accept"]'],
    reject: ['.cookie [class*="__buttons__button--decline"]'],
  },
};

/**
 * The banner of a manager identified by its own evidence (tools.ts) but with no autoconsent rule: an element
 * whose id or class names the manager, or says cookie / consent / GDPR, or a dialog. Generic on purpose: it only
 * tells a banner click from a page click; the button text still has to name the action, unless the manager's own
 * markup names its buttons (MANAGER_BUTTONS).
 */
export function genericRule(toolId: string): ClickRule {
  const id = toolId.replace(/[^a-z0-9-]/gi, '').slice(0, 40);
  const words = [...new Set([id, 'cookie', 'consent', 'gdpr'].filter(Boolean))];
  const buttons = Object.hasOwn(MANAGER_BUTTONS, toolId) ? MANAGER_BUTTONS[toolId]! : null;
  return {
    accept: [...(buttons?.accept ?? [])],
    reject: [...(buttons?.reject ?? [])],
    other: [],
    containers: [
      ...words.flatMap((w) => [`[id*="${w}" i]`, `[class*="${w}" i]`]),
      '[role="dialog"]',
      '[role="alertdialog"]',
      '[aria-modal="true"]',
    ],
  };
}

/**
 * The rule a visitor's click is read with. A manager detected in the page is read with its autoconsent rule once the
 * background has sent it, and until then with the generic rule the lookup falls back to: a click while the lookup is
 * in flight (a loaded machine, a busy worker) is still the visitor's answer, not dropped. Nothing detected: the
 * unnamed banner's rule.
 */
export function clickRuleNow(detected: { tool: string; rule: ClickRule | null } | null): ClickRule {
  if (!detected) return UNNAMED_BANNER_RULE;
  return detected.rule ?? genericRule(detected.tool);
}

/** True when `test` holds for one of `selectors`; a selector the engine refuses (e.g. :has in old engines) is skipped. */
export function someSelector(selectors: readonly string[], test: (selector: string) => unknown): boolean {
  for (const s of selectors) {
    try {
      if (test(s)) return true;
    } catch {
      // An autoconsent selector the browser does not support: skip it.
    }
  }
  return false;
}

function matchesAny(el: ElementLike, selectors: readonly string[]): boolean {
  return someSelector(selectors, (s) => el.closest(s));
}

/**
 * `closest`, going on from a shadow root to its host's tree: a banner rendered in a shadow root (Cookie Though) has
 * the names that say "cookie" or "consent" on its host, which `closest` alone never reaches, so its buttons' clicks
 * were not seen as inside the manager.
 */
function closestAcross(el: ElementLike, selector: string): unknown {
  let node: ElementLike | null = el;
  for (let depth = 0; node && depth < 16; depth++) {
    const found = node.closest(selector);
    if (found) return found;
    const root = node.getRootNode?.() as { host?: ElementLike } | null | undefined;
    node = root?.host ?? null;
  }
  return null;
}

/** Inside one of the manager's boxes, in the page or in a shadow root under one. */
function insideAny(el: ElementLike, selectors: readonly string[]): boolean {
  return someSelector(selectors, (s) => closestAcross(el, s));
}

/**
 * Classifies a click on `button` (the clicked element's closest button) whose text is `label`, inside the
 * consent manager described by `rule`. The rule's one-click opt-in / opt-out buttons decide first (their
 * text can still make it a save: "Accept selection"); any other click inside the manager's buttons or
 * boxes counts only when its text names an action. No rule: the text alone, and only when the caller
 * knows the click is inside a consent manager. Null = not a choice (settings, links, toggles).
 */
export function classifyClick(
  button: ElementLike,
  label: string,
  rule: ClickRule | null,
): ClickAction | null {
  const byText = actionFromText(label);
  if (!rule) return byText;
  if (matchesAny(button, rule.reject)) return byText === 'save-settings' ? 'save-settings' : 'reject-all';
  if (matchesAny(button, rule.accept))
    return byText === 'save-settings' || byText === 'reject-all' ? byText : 'accept-all';
  // Only the text decides here, so the boxes may be outside the button's shadow root; the one-click buttons above
  // must be the button itself (a rule naming a shadow host would make every button in it an opt-out).
  if (insideAny(button, rule.other) || insideAny(button, rule.containers)) return byText;
  return null;
}
