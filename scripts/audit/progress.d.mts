/** Types of progress.mjs (batch progress on stderr). */
export interface Progress {
  log(message: string): void;
  start(id: string): void;
  finish(id: string, ok: boolean): void;
  end(): void;
}

export function createProgress(o: {
  total: number;
  done: number;
  stream: NodeJS.WriteStream;
  now?: () => number;
}): Progress;
