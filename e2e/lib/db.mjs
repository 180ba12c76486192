// Reads the extension's IndexedDB from inside the extension (Chromium's service worker, or a Firefox
// extension page of the same origin); the bundled Dexie is not reachable.
import { tsImport } from 'tsx/esm/api';
import { writeJsonArtifact } from './artifacts.mjs';
import { evalInExtension } from './driver.mjs';

/** Database and stores written by the background (lib/store/db.ts). */
export const DB_NAME = 'cookie-inspector';
/** What readDb returns: the stored evidence, and what the one derivation makes of it. */
export const STORES = ['visits', 'findings', 'cookies', 'evidence'];
const RAW_STORES = ['visits', 'evidence', 'packed'];

// The product's own derivation (lib/evidence/derive.ts): tests see exactly the verdicts users see.
const { deriveVisit } = await tsImport('../../lib/evidence/derive.ts', import.meta.url);
// And its own reading of packed visits (lib/store/pack.ts): parts unpacked, later rows folded in.
const { foldEvidence } = await tsImport('../../lib/store/pack.ts', import.meta.url);

// Consent lines that stand for the visitor's state, in the shape older tests read (`carriedOver`).
const SHOWN = new Set(['carried-over', 'counted', 'banner', 'confirmed', 'evidence']);

/**
 * The stored visits and evidence, with each visit derived: `{ visits, findings, cookies, evidence, derived }`.
 * A visit carries its derived `consent` lines and `consentTool`; `cookies` are the cookie evidence entries
 * (set or removed) in the jar shape `{ visitId, name, domain, value?, valueLength }`; `derived` maps a visit
 * id to its full derivation (verdict, parties, badge). Empty until the background has created the database.
 * @param {{ context: object }} browser handle from launchDriver or launchWithExtension
 */
export async function readDb(browser, { dbName = DB_NAME } = {}) {
  const raw = await readStores(browser, { dbName, stores: RAW_STORES });
  const parts = raw.packed.map((p) => ({ ...p, data: Uint8Array.from(p.data) }));
  const byVisit = foldEvidence(
    raw.visits.map((v) => v.id),
    parts,
    raw.evidence,
  );
  const evidence = [...byVisit.values()].flat();
  const out = {
    visits: [],
    findings: [],
    cookies: [],
    evidence,
    // How each visit's evidence is stored: packed parts (lib/store/pack.ts) and/or rows not packed yet.
    packedVisits: new Set(parts.map((p) => p.visitId)),
    rowVisits: new Set(raw.evidence.map((e) => e.visitId)),
    derived: {},
  };
  for (const v of raw.visits) {
    const d = deriveVisit(v, byVisit.get(v.id) ?? []);
    out.derived[v.id] = d;
    const consent = d.consent.lines
      .filter((l) => SHOWN.has(l.status))
      .map((l) => ({ ...l, via: l.vias.join(','), carriedOver: l.status === 'carried-over' }));
    out.visits.push({ ...v, consent, consentTool: d.consent.tool });
    out.findings.push(...d.findings);
  }
  for (const e of evidence) {
    if (e.kind !== 'cookie' || !e.cookie || e.cookie.action === 'sent') continue;
    const life = e.cookie.lifetimeSeconds;
    out.cookies.push({
      visitId: e.visitId,
      via: e.via,
      provenance: e.provenance,
      ...e.cookie,
      removed: e.cookie.action === 'removed',
      expiresAt: life == null ? null : e.lastAt + life * 1000,
    });
  }
  return out;
}

/**
 * Reads the given object stores, run in the extension as `fn(api, { dbName, stores })` (evalInExtension's
 * convention; serialised, so it uses only its parameters). Empty stores until Dexie has made the database.
 */
export const readStoresInExtension = (_api, { dbName, stores }) =>
  new Promise((resolve, reject) => {
    const empty = Object.fromEntries(stores.map((s) => [s, []]));
    const req = indexedDB.open(dbName);
    // Opening without a version creates an empty v1 DB if Dexie has not made it yet; do not keep that.
    req.onupgradeneeded = () => req.transaction.abort();
    req.onerror = () => resolve(empty);
    req.onsuccess = () => {
      const db = req.result;
      const present = stores.filter((s) => db.objectStoreNames.contains(s));
      if (!present.length) {
        db.close();
        return resolve(empty);
      }
      const tx = db.transaction(present, 'readonly');
      const out = { ...empty };
      // Packed parts' bytes as plain arrays: both drivers return them to Node unchanged.
      const plain = (s, rows) =>
        s === 'packed' ? rows.map((p) => ({ ...p, data: Array.from(p.data) })) : rows;
      for (const s of present)
        tx.objectStore(s).getAll().onsuccess = (e) => (out[s] = plain(s, e.target.result));
      tx.oncomplete = () => (db.close(), resolve(out));
      tx.onerror = () => (db.close(), reject(tx.error));
    };
  });

/** Raw records of the given object stores. */
async function readStores(browser, { dbName, stores }) {
  return evalInExtension(browser, readStoresInExtension, { dbName, stores });
}

/**
 * Polls `probe` until it returns a truthy value, and returns that value.
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {{ timeout?: number, interval?: number, message?: string | (() => string) }} [opts]
 * @returns {Promise<T>}
 */
export async function waitFor(probe, { timeout = 30_000, interval = 150, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      // The worker may be restarting; keep polling until the deadline.
      lastError = err;
    }
    if (Date.now() > deadline) {
      const what = typeof message === 'function' ? message() : message;
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Polls the DB until `predicate(db)` is truthy; returns the DB snapshot that satisfied it. On timeout the
 * last snapshot is saved to e2e/artifacts/timeout-<time>.json and its path is in the error message.
 */
export async function waitForDb(browser, predicate, opts = {}) {
  let last;
  try {
    return await waitFor(
      async () => {
        last = await readDb(browser);
        return predicate(last) ? last : null;
      },
      {
        ...opts,
        message: () =>
          `${opts.message ?? 'DB condition'}; DB had ${last ? STORES.map((s) => `${last[s].length} ${s}`).join(', ') : 'nothing readable'}`,
      },
    );
  } catch (err) {
    if (last) err.message += ` (snapshot: ${writeJsonArtifact(`timeout-${Date.now()}`, last)})`;
    throw err;
  }
}
