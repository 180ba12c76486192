// Progress on stderr: a redrawn bar on a terminal; on a pipe or a file, one line per finished site.
const WIDTH = 24;

/**
 * @param {{ total: number, done: number, stream: NodeJS.WriteStream, now?: () => number }} o
 */
export function createProgress({ total, done, stream, now = Date.now }) {
  const tty = Boolean(stream.isTTY);
  const startedAt = now();
  const resumed = done;
  let finished = done;
  let failed = 0;
  const running = new Set();
  let drawn = false;

  const rate = () => {
    const minutes = (now() - startedAt) / 60_000;
    return minutes > 0 ? (finished - resumed) / minutes : 0;
  };
  const text = () => {
    const filled = total ? Math.round((finished / total) * WIDTH) : WIDTH;
    const r = rate();
    const left = total - finished;
    const eta = r > 0 && left > 0 ? ` · about ${Math.ceil(left / r)} min left` : '';
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${finished}/${total} sites · ${running.size} running · ${failed} failed · ${r.toFixed(1)} sites/min${eta}`;
  };
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  const draw = () => {
    if (!tty) return;
    clear();
    stream.write(text());
    drawn = true;
  };
  return {
    log(message) {
      clear();
      stream.write(`${message}\n`);
      draw();
    },
    start(id) {
      running.add(id);
      draw();
    },
    finish(id, ok) {
      running.delete(id);
      finished++;
      if (!ok) failed++;
      if (tty) draw();
      else stream.write(`progress: ${text()}\n`);
    },
    end() {
      clear();
    },
  };
}
