import type { PageVisit } from '@/lib/findings';
import type { ContentProtocol, Handlers, SenderInfo } from '@/lib/messages';
import { hostOf, siteOf } from '@/lib/domain';
import { signalFromNavigatorGpc } from '@/lib/consent/gpc';
import { signalFromGppPing } from '@/lib/consent/gpp';
import { signalFromTcData } from '@/lib/consent/tcf';
import { signalFromStorage } from '@/lib/consent/storage-signals';
import { ready } from './context';
import { getTab } from './session';
import { enqueue } from './writer';
import { recordCookieWrites } from './cookies';
import { recordSignal } from './visits';
import { storageSighting } from '@/lib/record';
import type { StorageItem } from '@/lib/storage-snapshot';
import { CLICK_ACTIONS } from '@/lib/consent/click';
import { clickAnswer, switchCountOf } from '@/lib/consent/switches';
import { noteActivation, noteBannerClick, noteInput } from './unprompted';
import { noteAnswerClick, noteAnswerStorage, rememberedStorageAnswer } from './answered';

/**
 * The visit a content-script report belongs to: the document that sent it (Chrome's documentId), else the tab's
 * current visit when the sender's URL is on that visit's site. A report from a document that is gone is dropped,
 * and so is one from a document the tab does not show (Chrome's prerendered pages, whose top frame has a frameId
 * other than 0 until shown, and pages in the back/forward cache): it would land on the page the tab shows. The
 * content scripts hold a prerendered page's reports until it is shown (entrypoints/shared/shown.ts).
 */
export function visitForSender(
  sender: SenderInfo,
  { initial = false, at }: { initial?: boolean; at?: unknown } = {},
): PageVisit | null {
  if (sender.tabId === undefined) return null;
  if (sender.documentLifecycle !== undefined && sender.documentLifecycle !== 'active') return null;
  const state = getTab(sender.tabId);
  const site = typeof sender.url === 'string' ? siteOf(sender.url) : null;
  if (sender.documentId && sender.frameId === 0) {
    for (const live of [state.current, state.previous]) {
      if (live?.documentId === sender.documentId) return live.visit;
    }
    // A new document reporting before its commit reached us: the pending navigation's, when it is on that
    // navigation's site (a report of another document we do not know is dropped).
    if (state.pending && state.current?.documentId !== sender.documentId && site === state.pending.visit.site)
      return state.pending.visit;
    return null;
  }
  // Without a documentId (Firefox): a document_start report comes from a document that has just committed, so while
  // a navigation of the same site is pending it is that navigation's, not the current visit's (a reload's old page).
  if (initial && sender.frameId === 0 && state.pending && site === state.pending.visit.site)
    return state.pending.visit;
  const current = state.current?.visit ?? null;
  // A report our detector dated before the current page committed (the page left's end) comes from the page left (its
  // click just before a reload, handled late): that page's, not the new one's, whose scripts run after its commit.
  const before = state.previous?.visit;
  const claimed = Number(at);
  if (
    !initial &&
    sender.frameId === 0 &&
    current &&
    before &&
    before.site === site &&
    Number.isFinite(claimed) &&
    claimed >= before.startedAt &&
    (before.endedAt !== undefined ? claimed < before.endedAt : claimed <= current.startedAt)
  )
    return before;
  return current && (sender.frameId !== 0 || site === current.site) ? current : null;
}

/** The time the background trusts for a report: when it arrived, within the visit. */
function receivedAt(visit: PageVisit): number {
  return Math.max(visit.startedAt, Math.min(Date.now(), visit.endedAt ?? Infinity));
}

/** A detector time (our isolated world's event time), never before the visit nor after its arrival. */
function detectorAt(visit: PageVisit, claimed: unknown): number {
  const received = receivedAt(visit);
  const t = Number(claimed);
  return Number.isFinite(t) ? Math.min(received, Math.max(visit.startedAt, t)) : received;
}

const CLICK_ACTION_SET: ReadonlySet<string> = new Set(CLICK_ACTIONS);
const AREAS = new Set(['localStorage', 'sessionStorage', 'indexedDB']);

/** Content-script reports: evidence of the sender's visit, with the provenance of their world. */
export const reportHandlers: Pick<Handlers, keyof ContentProtocol> = {
  async cookieWrites({ writes }, sender) {
    await ready();
    const visit = sender.frameId === 0 ? visitForSender(sender) : null;
    if (visit && Array.isArray(writes)) await recordCookieWrites(visit, writes);
  },
  async pageConsent({ api, raw, eventStatus }, sender) {
    await ready();
    const visit = sender.frameId === 0 ? visitForSender(sender) : null;
    if (!visit || typeof raw !== 'string' || raw.length > 20_000) return;
    const status = typeof eventStatus === 'string' ? eventStatus.slice(0, 64) : undefined;
    // Decoded here, from the raw string: the page never hands us a decoded choice.
    const signal =
      api === 'tcfapi'
        ? signalFromTcData({ tcString: raw, eventStatus: status })
        : api === 'gpp'
          ? signalFromGppPing({ gppString: raw, signalStatus: 'ready', cmpDisplayStatus: status })
          : api === 'gpc'
            ? signalFromNavigatorGpc(raw === 'true')
            : null;
    if (!signal) return;
    const host = new URL(visit.url).hostname;
    recordSignal(visit, signal, {
      provenance: 'page',
      via: api,
      at: receivedAt(visit),
      site: visit.site,
      host,
      frame: 'main',
    });
  },
  async consentToolSeen({ tool, bannerShown, at }, sender) {
    await ready();
    const visit = visitForSender(sender);
    if (!visit || typeof tool !== 'string' || !tool) return;
    const name = tool.slice(0, 64);
    enqueue(visit, {
      id: `${visit.id}|tool|${name}|${bannerShown === true}`,
      visitId: visit.id,
      kind: 'tool',
      provenance: 'detector',
      via: 'autoconsent',
      key: name,
      host: visit.site,
      site: visit.site,
      at: detectorAt(visit, at),
      tool: { tool: name, bannerShown: bannerShown === true },
    });
  },
  async consentClick({ tool, action, label, at, switches: reported }, sender) {
    await ready();
    const visit = visitForSender(sender, { at });
    if (!visit || typeof tool !== 'string' || !CLICK_ACTION_SET.has(action)) return;
    const t = detectorAt(visit, at);
    const switches = action === 'save-settings' ? switchCountOf(reported) : undefined;
    noteAnswerClick(visit, tool.slice(0, 64), action, t, undefined, switches);
    noteBannerClick(visit, t, clickAnswer(action, switches));
    enqueue(visit, {
      id: `${visit.id}|click|${t}|${action}`,
      visitId: visit.id,
      kind: 'click',
      provenance: 'detector',
      via: 'click',
      key: tool.slice(0, 64),
      host: visit.site,
      site: visit.site,
      at: t,
      click: {
        tool: tool.slice(0, 64),
        action,
        ...(typeof label === 'string' && label && { label: label.slice(0, 80) }),
        ...(switches && { switches }),
      },
    });
  },
  async userActivation({ active, at, outside, label, initial }, sender) {
    await ready();
    const visit = sender.frameId === 0 ? visitForSender(sender, { initial: initial === true, at }) : null;
    if (!visit || typeof active !== 'boolean') return;
    const t = detectorAt(visit, at);
    // Input outside any banner made the page active: not yet an interaction that could be an answer.
    const beside = active && outside === true;
    noteActivation(visit, active && !beside, t, beside);
    const state = beside ? 'outside' : String(active);
    // One entry per state: the first time folded in is when the detector began watching, or saw the activation.
    enqueue(visit, {
      id: `${visit.id}|activation|${state}`,
      visitId: visit.id,
      kind: 'activation',
      provenance: 'detector',
      via: 'userActivation',
      key: state,
      host: visit.site,
      site: visit.site,
      frame: 'main',
      at: t,
      activation: {
        active,
        ...(beside && { outside: true }),
        ...(beside && typeof label === 'string' && label && { label: label.slice(0, 80) }),
      },
    });
  },
  async userInput({ at }, sender) {
    await ready();
    const visit = sender.frameId === 0 ? visitForSender(sender) : null;
    if (!visit || typeof at !== 'number') return;
    noteInput(visit, detectorAt(visit, at));
  },
  async storageSnapshot({ items, at, initial }, sender) {
    const { classifier } = await ready();
    const visit = visitForSender(sender, { initial: initial === true });
    if (!visit || !Array.isArray(items)) return;
    const t = detectorAt(visit, at);
    const kept: StorageItem[] = [];
    for (const i of items.slice(0, 1000)) {
      if (!AREAS.has(i?.area) || typeof i.name !== 'string' || typeof i.valueHash !== 'string') continue;
      const item = {
        area: i.area,
        name: i.name.slice(0, 512),
        valueLength: Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(Number(i.valueLength) || 0))),
        valueHash: i.valueHash.slice(0, 32),
      };
      kept.push(item);
      const sighting = storageSighting(visit, item, t, classifier);
      noteAnswerStorage(visit, item, t, sighting.classification?.category ?? 'unknown');
      enqueue(visit, sighting);
    }
    // Read before the page's scripts ran: a key an earlier visit's click left carries that answer (answered.ts).
    const remembered = initial === true ? rememberedStorageAnswer(visit, kept) : null;
    if (remembered)
      recordSignal(visit, remembered, {
        provenance: 'detector',
        via: 'localStorage',
        at: t,
        site: visit.site,
        host: hostOf(visit.url) ?? visit.site,
        frame: 'main',
        initial: true,
      });
  },
  async consentStorage({ items, at, initial }, sender) {
    await ready();
    const visit = visitForSender(sender, { initial: initial === true });
    if (!visit || !Array.isArray(items)) return;
    const t = detectorAt(visit, at);
    const host = new URL(visit.url).hostname;
    for (const item of items.slice(0, 50)) {
      if (typeof item?.key !== 'string' || typeof item.value !== 'string' || item.value.length > 16_384)
        continue;
      const signal = signalFromStorage(item.key, item.value);
      if (!signal) continue;
      recordSignal(visit, signal, {
        provenance: 'detector',
        via: 'localStorage',
        at: t,
        site: visit.site,
        host,
        frame: 'main',
        ...(initial === true && { initial: true }),
      });
    }
  },
};
