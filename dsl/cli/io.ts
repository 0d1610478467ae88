/** What the CLI needs from the process, injectable so tests run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
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
