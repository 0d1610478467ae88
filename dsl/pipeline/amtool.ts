/**
 * The real `amtool check-config` over the emitted Alertmanager configuration, when amtool is
 * installed (Debian: prometheus-alertmanager). Placeholders (`${NAME}`) stand for what the deployment
 * substitutes, so they are replaced by values of the right shape before amtool reads the file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { ALERTMANAGER_FILE, type Artifact } from '../emit/index.ts';
import type { AlertmanagerEntry } from '../collect/project.ts';
import type { RunMemo } from '../core/run-memo.ts';

// Where amtool is installed, looked up once a process: the machine's state, not a project's.
let found: string | null | undefined;

export function findAmtoolBinary(): string | undefined {
  if (found === undefined) {
    found = null;
    for (const c of [process.env.OBS_AMTOOL, 'amtool', '/usr/bin/amtool'].filter((x): x is string => !!x)) {
      try {
        execFileSync(c, ['--version'], { stdio: 'ignore' });
        found = c;
        break;
      } catch {
        // next candidate
      }
    }
  }
  return found ?? undefined;
}

/** `url: ${X}` → a URL; other `${X}` → a plain word: what a deployment would put there. */
export function substitutePlaceholders(yaml: string): string {
  return yaml.replace(
    /^(\s*(?:- )?([A-Za-z_]+): )\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/gm,
    (_m, head: string, key: string, name: string) =>
      `${head}${/url/i.test(key) ? `https://obs-placeholder.invalid/${name}` : `obs-placeholder-${name}`}`,
  );
}

/**
 * Lays the alertmanager/ files out in a temporary directory and runs amtool check-config on them.
 * With `memo` (a long-running session), a verdict amtool gave on the same files is reused.
 */
export function amtoolCheck(
  amtool: string,
  files: readonly Artifact[],
  entry: AlertmanagerEntry,
  memo?: RunMemo<Diagnostic[]>,
): Diagnostic[] {
  const mine = files.filter((f) => f.path.startsWith('alertmanager/'));
  if (!mine.some((f) => f.path === ALERTMANAGER_FILE)) return [];
  // What the verdict depends on: the binary (found once a process), the files, where it is reported.
  const key =
    memo && JSON.stringify([amtool, entry.module, entry.config.site ?? null, mine.map((f) => [f.path, f.content])]);
  const known = key === undefined ? undefined : memo?.get(key);
  if (known) return known;
  const dir = mkdtempSync(join(tmpdir(), 'obs-amtool-'));
  try {
    for (const f of mine) {
      const p = join(dir, ...f.path.split('/'));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.path === ALERTMANAGER_FILE ? substitutePlaceholders(f.content) : f.content);
    }
    const res = spawnSync(amtool, ['check-config', join(dir, ...ALERTMANAGER_FILE.split('/'))], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const verdict = (ds: Diagnostic[]): Diagnostic[] => {
      // Only what amtool said: a timeout or a failed start is no verdict on the files.
      if (key !== undefined && typeof res.status === 'number' && !res.error) memo?.set(key, ds);
      return ds;
    };
    if (res.status === 0) return verdict([]);
    const text = `${res.stdout ?? ''}${res.stderr ?? ''}`
      .split(dir + '/')
      .join('')
      .trim();
    return verdict([
      {
        checkId: 'alertmanager/amtool',
        severity: 'error',
        message: `amtool check-config rejects the Alertmanager configuration built from ${entry.module}:\n${text || res.error?.message || `exit ${res.status}`}`,
        hint: "the configuration passed obs's own checks; this is what the real Alertmanager refuses (see the message)",
        location: entry.config.site ?? { file: entry.module, line: 1, column: 1 },
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
