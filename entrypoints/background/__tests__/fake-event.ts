/** A triggerable event: WXT's fake browser does not implement webRequest, cookies, webNavigation or alarms events. */
export function ev() {
  type Listener = (...a: any[]) => unknown;
  const listeners: { l: Listener; types?: string[] }[] = [];
  return {
    // A webRequest filter's `types` is honoured, as the browser does: a main-frame-only listener never hears a script.
    addListener: (l: Listener, filter?: { types?: string[] }) =>
      void listeners.push({ l, types: filter?.types }),
    removeListener: (l: Listener) =>
      void listeners.splice(
        listeners.findIndex((x) => x.l === l),
        1,
      ),
    hasListener: (l: Listener) => listeners.some((x) => x.l === l),
    trigger: async (...args: unknown[]) => {
      const type = (args[0] as { type?: unknown } | undefined)?.type;
      const hearing = listeners.filter(
        (x) => !x.types || (typeof type === 'string' && x.types.includes(type)),
      );
      return Promise.all(hearing.map((x) => x.l(...args)));
    },
  };
}

type Triggerable = { trigger: (...args: unknown[]) => Promise<unknown> };

/** A request as Chrome reports it: onBeforeRequest, then onSendHeaders with the same details and its headers. */
export async function fireRequest(
  events: Record<string, Triggerable | undefined>,
  details: Record<string, unknown>,
): Promise<void> {
  await events.onBeforeRequest!.trigger(details);
  await events.onSendHeaders!.trigger({ requestHeaders: [], ...details });
}
