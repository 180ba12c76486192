import { browser } from 'wxt/browser';
import { createDb, type InspectorDb } from '@/lib/store/db';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/messages';
import type { Classifier } from '@/lib/record';
import { loadClassifier } from './classifier';
import { loadTabs } from './session';
import { loadMemories } from './memories';

export interface Context {
  db: InspectorDb;
  classifier: Classifier;
  settings: Settings;
}

/**
 * Everything handlers need, built once per worker lifetime (memoised promise). Nothing here is durable:
 * the vendor index is re-read from the packaged file and tab state from storage.session on each start.
 */
let context: Promise<Context> | undefined;
let database: string | undefined;

export function ready(): Promise<Context> {
  context ??= (async () => {
    const [classifier, settings] = await Promise.all([
      loadClassifier(),
      loadSettings(),
      // The memories decide what a stopped worker left waiting, on the pages the tabs show now: tabs first.
      loadTabs().then(loadMemories),
    ]);
    database = classifier.database;
    return { db: createDb(), classifier, settings };
  })();
  return context;
}

/** The vendor database classifying this worker's evidence, once ready() has loaded it (stamped on new visits). */
export const currentDatabase = (): string | undefined => database;

async function loadSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  return { ...DEFAULT_SETTINGS, ...(settings as Partial<Settings> | undefined) };
}

/** Saves settings and updates the live copy the handlers read. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const ctx = await ready();
  const next: Settings = { ...ctx.settings };
  if (Number.isFinite(patch.retentionDays) && patch.retentionDays! >= 1)
    next.retentionDays = Math.floor(patch.retentionDays!);
  if (typeof patch.recordIncognito === 'boolean' && patch.recordIncognito !== next.recordIncognito) {
    next.recordIncognito = patch.recordIncognito;
    next.recordIncognitoSince = patch.recordIncognito ? Date.now() : undefined;
  }
  if (typeof patch.storeCookieValues === 'boolean') next.storeCookieValues = patch.storeCookieValues;
  ctx.settings = next;
  await browser.storage.local.set({ settings: next });
  return next;
}
