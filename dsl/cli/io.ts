/** What the CLI needs from the process, injectable so tests run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  /**
   * Writes to stdout and resolves once the stream takes more (what a long report is written
   * through, piece by piece, so it is never held whole), to false when stdout is closed (the
   * reader went away: nothing more needs to be made); without it, `stdout` is used.
   */
  stdoutDrained?(text: string): Promise<boolean>;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readonly color: boolean;
  readonly cwd: string;
  /** stderr is a terminal a person watches (not CI): progress may be shown there. */
  readonly interactive?: boolean;
}

/** A mistake in how the command was called: reported in one line, exit code 2. */
export class UsageError extends Error {}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stdoutDrained: (t) => writeDrained(process.stdout, t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true && !process.env.CI,
  };
}

/**
 * Writes `text` and waits while the stream's buffer is full: a pipe to a slow reader would
 * otherwise queue the whole report in memory. A stream that failed or closed (the reader went
 * away) takes nothing more and ends the wait; the launcher reports nothing for it (bin/obs.js).
 */
export function writeDrained(stream: NodeJS.WritableStream & { destroyed?: boolean }, text: string): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(false);
  // Kept while writing: an EPIPE between two pieces must not become an uncaught 'error' event.
  if (stream.listenerCount('error') === 0) stream.on('error', () => {});
  if (stream.write(text)) return Promise.resolve(true);
  return new Promise((done) => {
    const end = (): void => {
      stream.off('drain', end);
      stream.off('close', end);
      stream.off('error', end);
      done(stream.destroyed !== true);
    };
    stream.on('drain', end);
    stream.on('close', end);
    stream.on('error', end);
  });
}

/** Pieces of text gathered into writes of about this many characters. */
const WRITE_SIZE = 1 << 16;

/** Writes `pieces` to stdout in writes of about 64 KiB, each waiting for the stream to take it. */
export async function writePieces(io: CliIO, pieces: Iterable<string>): Promise<void> {
  const write = async (text: string): Promise<boolean> => {
    if (io.stdoutDrained) return io.stdoutDrained(text);
    io.stdout(text);
    return true;
  };
  let buffer = '';
  for (const p of pieces) {
    buffer += p;
    if (buffer.length < WRITE_SIZE) continue;
    if (!(await write(buffer))) return;
    buffer = '';
  }
  if (buffer) await write(buffer);
}
