/**
 * What the background remembers of sites across visits (consent stored unprompted, answers known only from a
 * click): loaded with ready(), and forgotten together with the site's data or history, and a private window's
 * records when the last private window closes (its cookie store goes with it).
 */
import { browser } from 'wxt/browser';
import { forgetAnsweredBefore, forgetAnsweredSite, forgetPrivateAnswers, loadAnswered } from './answered';
import { forgetBefore, forgetPrivate, forgetSite, loadUnprompted } from './unprompted';
import { loadOtherTabHeld } from './other-tab';

export async function loadMemories(): Promise<void> {
  await Promise.all([loadUnprompted(), loadAnswered()]);
  // After the activation memory: a held choice is judged by what the other tabs' detectors reported.
  await loadOtherTabHeld();
  // A private session that ended while no worker ran (or before an update) leaves nothing behind.
  await forgetEndedPrivateSession();
}

/**
 * The site's consent data was deleted (an audit's clean-up: `cleanUp`), or its history: nothing of it is remembered.
 * The clean-up removes the site's unpartitioned cookies only, so what it knows of partitioned ones stays.
 */
export function forgetSiteMemories(site: string, { cleanUp = false } = {}): void {
  forgetSite(site, { keepPlanted: cleanUp });
  forgetAnsweredSite(site);
}

/** Forgets what was remembered before `cutoff` (retention: kept no longer than the visits), or everything. */
export function forgetMemoriesBefore(cutoff = Infinity): void {
  forgetBefore(cutoff);
  forgetAnsweredBefore(cutoff);
}

/** Forgets every private window's record once no private window is open (the private session is over). */
export async function forgetEndedPrivateSession(): Promise<void> {
  if ((await privateWindowsOpen()) !== false) return;
  forgetPrivate();
  forgetPrivateAnswers();
}

/** Whether a private window is open; undefined where the browser has no windows API (Firefox for Android). */
async function privateWindowsOpen(): Promise<boolean | undefined> {
  if (!browser.windows) return undefined;
  try {
    return (await browser.windows.getAll()).some((w) => w.incognito);
  } catch {
    return undefined;
  }
}
