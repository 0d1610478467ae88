/** `obs build`: check all definitions and write out/. */
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from './io.ts';

export async function buildCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' } }, strict: true });
  const out = join(io.cwd, 'out');
  if (values.check) {
    io.stdout('out/ is up to date (no definitions yet)\n');
    return 0;
  }
  mkdirSync(out, { recursive: true });
  io.stdout('obs build: no definitions yet; out/ is ready\n');
  return 0;
}
