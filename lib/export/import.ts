/** Validates an exported JSON report so the report page can show it again. */
import { CATEGORIES } from '../category';
import { CLICK_ACTIONS } from '../consent/click';
import type { VisitBundle } from '../messages';
import { PHASES, type PageVisit } from '../findings';
import { deriveVisit } from '../evidence/derive';
import { PROVENANCES, type EvidenceEntry } from '../evidence/types';
import { migrateV1Visit, type V1Finding, type V1Visit } from '../store/migrate-v1';
import { GDPR_FACT_KEYS, type VendorRecord } from '../vendor-db/types';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDoc } from './json';
import { ShapeError, arr, bool, num, obj, oneOf, optStr, str, type Obj } from './validate';

/** Larger files are refused before parsing, so a wrong file cannot freeze the page. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const KINDS = ['request', 'cookie'] as const;
const EVIDENCE_KINDS = ['request', 'cookie', 'storage', 'consent', 'tool', 'click', 'activation'] as const;
const CATS = [...CATEGORIES, 'unknown'] as const;

export type ImportResult =
  { ok: true; doc: ExportDoc; bundle: VisitBundle; vendors: VendorRecord[] } | { ok: false; error: string };

function checkVisit(v: Obj, version: number): void {
  for (const k of ['id', 'url', 'site']) str(v, k, 'visit');
  num(v, 'startedAt', 'visit');
  num(v, 'tabId', 'visit');
  bool(v, 'incognito', 'visit');
  if (version > 1) return;
  optStr(v, 'consentTool', 'visit');
  arr(v.consent, 'visit.consent').forEach((raw, i) => {
    const p = `visit.consent[${i}]`;
    const e = obj(raw, p);
    for (const k of ['tool', 'via', 'raw']) str(e, k, p);
    oneOf(e, 'state', ['banner', 'choice'], p);
    num(e, 'at', p);
    if (e.choice !== undefined) {
      const c = obj(e.choice, `${p}.choice`);
      oneOf(c, 'kind', ['accept-all', 'reject-all', 'custom'], `${p}.choice`);
      arr(c.granted, `${p}.choice.granted`);
    }
    if (e.decoded !== undefined) obj(e.decoded, `${p}.decoded`);
  });
}

function checkFinding(raw: unknown, i: number): void {
  const p = `findings[${i}]`;
  const f = obj(raw, p);
  for (const k of ['id', 'visitId', 'key', 'host', 'url', 'reason']) str(f, k, p);
  oneOf(f, 'kind', KINDS, p);
  oneOf(f, 'phase', PHASES, p);
  oneOf(f, 'category', CATS, p);
  for (const k of ['thirdParty', 'violation']) bool(f, k, p);
  for (const k of ['firstSeenAt', 'lastSeenAt', 'count']) num(f, k, p);
  for (const k of ['vendorId', 'cookieName', 'cookieDomain', 'setBy']) optStr(f, k, p);
}

/** A vendor the derivation may name for a cookie instead of the classifier's (a claimant). */
function checkClaimant(raw: unknown, path: string): void {
  const o = obj(raw, path);
  for (const k of ['vendor', 'vendorName']) str(o, k, path);
  oneOf(o, 'category', CATS, path);
}

/** A consent choice as the derivation reads it: its kind and lists of names. */
function checkChoice(raw: unknown, path: string): void {
  const c = obj(raw, path);
  oneOf(c, 'kind', ['accept-all', 'reject-all', 'custom'], path);
  arr(c.granted, `${path}.granted`).forEach((g, j) => oneOf({ g }, 'g', CATEGORIES, `${path}.granted[${j}]`));
  for (const k of ['unmapped', 'refused'])
    if (c[k] !== undefined)
      arr(c[k], `${path}.${k}`).forEach((x, j) => str({ x }, 'x', `${path}.${k}[${j}]`));
  if (c.saleOptOut !== undefined) bool(c, 'saleOptOut', path);
}

/** Kinds whose entries carry a detail object of the kind's name, which the derivation and the report read. */
const WITH_DETAIL: ReadonlySet<string> = new Set([
  'cookie',
  'storage',
  'consent',
  'click',
  'tool',
  'activation',
]);

function checkEntry(raw: unknown, i: number, visitId: string): void {
  const p = `evidence[${i}]`;
  const e = obj(raw, p);
  for (const k of ['id', 'visitId', 'key', 'host', 'via']) str(e, k, p);
  // One visit per file: an entry of another visit would be counted as this one's.
  if (e.visitId !== visitId) throw new ShapeError(`${p}.visitId is not the visit's id`);
  const kind = oneOf(e, 'kind', EVIDENCE_KINDS, p);
  if (WITH_DETAIL.has(kind) && e[kind] === undefined) throw new ShapeError(`${p}.${kind} is missing`);
  oneOf(e, 'provenance', PROVENANCES, p);
  for (const k of ['at', 'lastAt', 'count']) num(e, k, p);
  optStr(e, 'url', p);
  if (e.cookie !== undefined) {
    const c = obj(e.cookie, `${p}.cookie`);
    for (const k of ['name', 'domain', 'valueHash']) str(c, k, `${p}.cookie`);
    oneOf(c, 'action', ['sent', 'set', 'removed'], `${p}.cookie`);
    num(c, 'valueLength', `${p}.cookie`);
  }
  if (e.storage !== undefined) {
    const st = obj(e.storage, `${p}.storage`);
    oneOf(st, 'area', ['localStorage', 'sessionStorage', 'indexedDB'], `${p}.storage`);
    for (const k of ['name', 'valueHash']) str(st, k, `${p}.storage`);
    num(st, 'valueLength', `${p}.storage`);
  }
  if (e.click !== undefined) {
    const c = obj(e.click, `${p}.click`);
    str(c, 'tool', `${p}.click`);
    oneOf(c, 'action', CLICK_ACTIONS, `${p}.click`);
    optStr(c, 'label', `${p}.click`);
  }
  if (e.tool !== undefined) {
    const t = obj(e.tool, `${p}.tool`);
    str(t, 'tool', `${p}.tool`);
    bool(t, 'bannerShown', `${p}.tool`);
  }
  arr(e.times, `${p}.times`).forEach((t, j) => num({ t }, 't', `${p}.times[${j}]`));
  if (e.classification !== undefined) {
    const c = obj(e.classification, `${p}.classification`);
    oneOf(c, 'category', CATS, `${p}.classification`);
    bool(c, 'thirdParty', `${p}.classification`);
    optStr(c, 'vendor', `${p}.classification`);
    // The derivation may name one of these instead of `vendor`: each must be a well-formed claimant.
    if (c.alternatives !== undefined)
      arr(c.alternatives, `${p}.classification.alternatives`).forEach((a, j) =>
        checkClaimant(a, `${p}.classification.alternatives[${j}]`),
      );
    // ...or this vendor, of whose cookie-name family it is, when its requests were seen.
    if (c.family !== undefined) checkClaimant(c.family, `${p}.classification.family`);
    // ...or this, when none of the vendor's requests were seen.
    if (c.nameOnly !== undefined) {
      const np = `${p}.classification.nameOnly`;
      const o = obj(c.nameOnly, np);
      oneOf(o, 'category', CATS, np);
      str(o, 'reason', np);
    }
  }
  if (e.consent !== undefined) {
    const s = obj(obj(e.consent, `${p}.consent`).signal, `${p}.consent.signal`);
    for (const k of ['tool', 'via', 'raw']) str(s, k, `${p}.consent.signal`);
    oneOf(s, 'state', ['banner', 'choice'], `${p}.consent.signal`);
    if (s.choice !== undefined) checkChoice(s.choice, `${p}.consent.signal.choice`);
    if (s.rememberedClick !== undefined) {
      const r = obj(s.rememberedClick, `${p}.consent.signal.rememberedClick`);
      oneOf(r, 'action', CLICK_ACTIONS, `${p}.consent.signal.rememberedClick`);
      num(r, 'at', `${p}.consent.signal.rememberedClick`);
      if (r.by !== undefined) oneOf(r, 'by', ['audit'], `${p}.consent.signal.rememberedClick`);
      optStr(r, 'cookie', `${p}.consent.signal.rememberedClick`);
      optStr(r, 'storageKey', `${p}.consent.signal.rememberedClick`);
    }
  }
  if (e.activation !== undefined) {
    const a = obj(e.activation, `${p}.activation`);
    bool(a, 'active', `${p}.activation`);
    if (a.outside !== undefined) bool(a, 'outside', `${p}.activation`);
    optStr(a, 'label', `${p}.activation`);
  }
}

function checkVendor(raw: unknown, i: number): void {
  const p = `vendors[${i}]`;
  const v = obj(raw, p);
  str(v, 'id', p);
  str(v, 'name', p);
  oneOf(v, 'category', CATEGORIES, p);
  arr(v.cookies, `${p}.cookies`).forEach((c, j) => {
    const cp = `${p}.cookies[${j}]`;
    const o = obj(c, cp);
    for (const k of ['name', 'durationText', 'purpose', 'source']) str(o, k, cp);
  });
  arr(v.sources, `${p}.sources`).forEach((s, j) =>
    str(obj(s, `${p}.sources[${j}]`), 'id', `${p}.sources[${j}]`),
  );
  const gdpr = obj(v.gdpr, `${p}.gdpr`);
  for (const key of GDPR_FACT_KEYS) {
    const fact = obj(gdpr[key], `${p}.gdpr.${key}`);
    str(fact, 'source', `${p}.gdpr.${key}`);
    bool(fact, 'derived', `${p}.gdpr.${key}`);
  }
}

/** Parses and validates an exported report; never throws, and the error says what is wrong and where. */
export function parseExport(text: string): ImportResult {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'The file is empty.' };
  if (text.length > MAX_IMPORT_BYTES)
    return { ok: false, error: 'The file is larger than 64 MB; it is not a report export.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  try {
    const doc = obj(data, 'file');
    if (doc.format !== EXPORT_FORMAT)
      return { ok: false, error: `Not a Cookie Inspector report (format should be "${EXPORT_FORMAT}").` };
    const version = doc.formatVersion;
    if (version !== 1 && version !== EXPORT_VERSION) {
      return {
        ok: false,
        error: `Unsupported report version ${String(version)}; this version reads 1 and ${EXPORT_VERSION}.`,
      };
    }
    const visitRow = obj(doc.visit, 'visit');
    checkVisit(visitRow, version);
    str(obj(doc.tool, 'tool'), 'version', 'tool');
    str(doc, 'generatedAt', 'file');
    if (doc.browserOnly !== undefined) bool(doc, 'browserOnly', 'file');
    if (version === 1) arr(doc.findings, 'findings').forEach(checkFinding);
    else {
      const ids = new Set<string>();
      arr(doc.evidence, 'evidence').forEach((raw, i) => {
        checkEntry(raw, i, visitRow.id as string);
        // Each entry already holds every sighting of its key: a second one would count them twice.
        const id = (raw as Obj).id as string;
        if (ids.has(id)) throw new ShapeError(`evidence[${i}].id repeats an earlier entry's`);
        ids.add(id);
      });
    }
    arr(doc.vendors, 'vendors').forEach(checkVendor);
    const ok = doc as unknown as ExportDoc;
    const {
      startedAtIso: _iso,
      consent: _c,
      consentTool: _t,
      ...rest
    } = ok.visit as unknown as PageVisit & Record<string, unknown>;
    const visit = rest as unknown as PageVisit;
    // Verdicts are derived again from the evidence, by this version's rules; a v1 file becomes legacy evidence.
    const entries: EvidenceEntry[] =
      version === 1
        ? migrateV1Visit(ok.visit as unknown as V1Visit, doc.findings as V1Finding[])
        : ok.evidence;
    // A browser-observed-only export states the verdict of that evidence alone: derived the same way, not with
    // the detector's and the page's claims the file also holds.
    const browserOnly = version !== 1 && doc.browserOnly === true;
    let derived: VisitBundle['derived'];
    try {
      derived = deriveVisit(visit, entries, { browserOnly });
    } catch (e) {
      // A shape the checks above let through that the derivation cannot read: refused, never a crash of the page.
      return { ok: false, error: `Invalid report: its evidence cannot be derived (${(e as Error).message})` };
    }
    const bundle: VisitBundle = { derived, entries, ...(browserOnly && { browserOnly: true }) };
    return { ok: true, doc: ok, bundle, vendors: ok.vendors };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, error: `Invalid report: ${e.message}` };
    return { ok: false, error: `Invalid report: ${(e as Error).message}` };
  }
}
