/**
 * One self-overwriting status line on stderr while a long command runs, only when stderr is a
 * terminal: in CI logs (not a TTY, or CI set) nothing is written, so logs stay clean.
 */
import type { CliIO } from './io.ts';

export interface Progress {
  update(text: string): void;
  /** Erases the line; call before printing results. */
  done(): void;
}

const NONE: Progress = { update: () => {}, done: () => {} };

export function progressLine(io: CliIO, everyMs = 100): Progress {
  if (!io.interactive) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K${text}`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
