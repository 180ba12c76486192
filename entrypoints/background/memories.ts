/**
 * What the background remembers of sites across visits (consent stored unprompted, answers known only from a
 * click): loaded with ready(), and forgotten together with the site's data or history.
 */
import { forgetAnsweredBefore, forgetAnsweredSite, loadAnswered } from './answered';
import { forgetBefore, forgetSite, loadUnprompted } from './unprompted';
import { loadOtherTabHeld } from './other-tab';

export async function loadMemories(): Promise<void> {
  await Promise.all([loadUnprompted(), loadAnswered()]);
  // After the activation memory: a held choice is judged by what the other tabs' detectors reported.
  await loadOtherTabHeld();
}

/** The site's consent data was deleted (an audit's clean-up), or its history: nothing of it is remembered. */
export function forgetSiteMemories(site: string): void {
  forgetSite(site);
  forgetAnsweredSite(site);
}

/** Forgets what was remembered before `cutoff` (retention: kept no longer than the visits), or everything. */
export function forgetMemoriesBefore(cutoff = Infinity): void {
  forgetBefore(cutoff);
  forgetAnsweredBefore(cutoff);
}
