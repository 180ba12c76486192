import type { ClickAction } from './click';
import type { SwitchCount } from './switches';
import type { Category } from '../category';

/** A consent choice as decoded from a consent tool's own signal. */
export interface ConsentChoice {
  kind: 'accept-all' | 'reject-all' | 'custom';
  /** Categories the visitor allowed (always includes 'necessary'). */
  granted: Category[];
  /** Purposes/groups the visitor allowed that map to no category (site-defined); see lib/consent/README.md. */
  unmapped?: string[];
  /**
   * The categories the record's switches cover, on or off (choiceFromToggles), when the record lists them: a
   * category none covers was never asked about, and an Accept all does not consent to it.
   */
  offered?: Category[];
  /**
   * Services the visitor switched off in a custom choice, by the manager's own names (Klaro services, Axeptio
   * vendors): a tracker whose vendor has exactly that name is after a refusal, whatever else the choice allows.
   */
  refused?: string[];
  /** The visitor opted out of the sale or sharing of their data (a US law's switch): advertising is withdrawn. */
  saleOptOut?: true;
}

/**
 * What one signal (a cookie value, a TCF string, a gcs parameter, a __tcfapi event) says.
 * Parsers in lib/consent/<tool>.ts return this, or null when the signal is not theirs or says nothing.
 */
export interface ConsentSignal {
  tool: string;
  /** 'banner' = the tool is present and waiting for a choice; 'choice' = a decision is recorded. */
  state: 'banner' | 'choice';
  choice?: ConsentChoice;
  /** Where it came from, e.g. 'cookie:OptanonConsent', 'request:gcs', 'tcfapi'. */
  via: string;
  raw: string;
  /**
   * The tool itself says this choice was stored before the page loaded (TCF `tcloaded`): a returning
   * visitor's choice, however late the tool reports it.
   */
  stored?: boolean;
  /** Tool-specific decoded detail (TCF purposes and vendor consents, OneTrust groups…), JSON-safe. */
  decoded?: Record<string, unknown>;
  /**
   * Set when the signal is evidence about consent, never a visitor's banner choice: Google Consent Mode
   * state on Google requests, the Global Privacy Control preference, or a GPP string with only US-law
   * sections. Timelines keep it; phases ignore it.
   */
  evidence?: 'consent-mode' | 'gpc' | 'gpp' | 'manager-default';
  /**
   * Not a record we decoded: the visitor's click on an earlier visit (no readable record followed it), carried over
   * because a cookie (or localStorage key: `storageKey`) the site wrote right after it is still there unchanged
   * (lib/evidence/answered.ts).
   */
  rememberedClick?: {
    action: ClickAction;
    at: number;
    by?: 'audit';
    cookie?: string;
    storageKey?: string;
    /** Saved settings: the dialog's switches as the visitor left them. */
    switches?: SwitchCount;
  };
}

/** One change in a page visit's consent timeline. */
export interface ConsentEvent extends ConsentSignal {
  at: number;
  /** The choice was already stored when the visit started (returning visitor). */
  carriedOver?: boolean;
}
