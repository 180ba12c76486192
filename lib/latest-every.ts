/**
 * Sends the time of the latest of many moments at most once per `everyMs`: the first at once, later ones in the
 * same span once it ends (the latest of them). A detector reporting each input of the visitor this way costs one
 * message per span however fast they click or type, and the last input is never lost.
 */
export function latestEvery(everyMs: number, send: (at: number) => void): (at: number) => void {
  let lastSentAt = -Infinity;
  let waitingAt: number | null = null;
  return (at) => {
    if (waitingAt !== null) {
      waitingAt = Math.max(waitingAt, at);
      return;
    }
    // At most one span: a clock set back must not hold every later moment for as long.
    const wait = Math.min(everyMs, lastSentAt + everyMs - at);
    if (wait <= 0) {
      lastSentAt = at;
      send(at);
      return;
    }
    waitingAt = at;
    setTimeout(() => {
      lastSentAt = waitingAt!;
      waitingAt = null;
      send(lastSentAt);
    }, wait);
  };
}
