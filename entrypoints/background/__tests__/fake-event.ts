/** A triggerable event: WXT's fake browser does not implement webRequest, cookies, webNavigation or alarms events. */
export function ev() {
  const listeners: ((...a: any[]) => unknown)[] = [];
  return {
    addListener: (l: (...a: any[]) => unknown) => void listeners.push(l),
    removeListener: (l: (...a: any[]) => unknown) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: (...a: any[]) => unknown) => listeners.includes(l),
    trigger: async (...args: unknown[]) => Promise.all(listeners.map((l) => l(...args))),
  };
}
