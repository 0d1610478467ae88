/** Locating the real promtool, which `obs test` drives. */
import { execFileSync } from 'node:child_process';

export class ToolMissingError extends Error {}

export function findPromtoolBinary(): string | undefined {
  for (const c of [process.env.OBS_PROMTOOL, 'promtool', '/usr/bin/promtool'].filter((x): x is string => !!x)) {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore' });
      return c;
    } catch {
      // next candidate
    }
  }
  return undefined;
}
