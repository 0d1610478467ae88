/**
 * `obs test`: builds in memory, lays the rule files and promtool test files out in a temporary
 * directory exactly as in out/, runs the real `promtool test rules` on each, and reports failures
 * at the TS `ruleTest(...)` that defined the failing test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { testFilesOf } from '../emit/index.ts';
import { emitUnitTests } from '../emit/unit-tests.ts';
import { build, type BuildResult } from './build.ts';
import type { Session } from '../core/session.ts';
import { findPromtoolBinary, ToolMissingError } from './promtool.ts';
import { findAmtoolBinary } from './amtool.ts';
import { runRoutingTests } from './routing-tests.ts';

export interface UnitTestRun {
  readonly build: BuildResult;
  readonly files: number;
  readonly tests: number;
  readonly failed: readonly Diagnostic[];
  /** promtool's own output, per test file. */
  readonly output: readonly { readonly file: string; readonly text: string; readonly ok: boolean }[];
  /** Routing tests of the Alertmanager configuration (also counted in `tests`). */
  readonly routing: number;
}

/** Splits promtool's failure report into one chunk per failing test (`name: <test>,` starts one). */
export function failuresByTest(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const m = /^ {4}name: (.*),\s*$/.exec(line);
    if (m?.[1] !== undefined) {
      current = m[1];
      out.set(current, '');
      continue;
    }
    if (current !== undefined && line.trim() !== '')
      out.set(current, `${out.get(current)}${line.replace(/^ {4}/, '')}\n`);
  }
  return out;
}

export interface UnitTestOptions {
  /**
   * Runs only the tests whose name or module path contains this text (case does not matter);
   * the rule files are built whole, so a test still sees every rule of its module.
   */
  readonly filter?: string;
  /** The session to build in (watch mode passes the same one to every run). */
  readonly session?: Session;
}

/** Whether a test named `name`, written in `module`, is selected by `filter`. */
export function matchesFilter(filter: string | undefined, name: string, module: string): boolean {
  if (filter === undefined || filter === '') return true;
  const f = filter.toLowerCase();
  return name.toLowerCase().includes(f) || module.toLowerCase().includes(f);
}

export async function runUnitTests(root: string, opts: UnitTestOptions = {}): Promise<UnitTestRun> {
  const promtool = findPromtoolBinary();
  if (!promtool)
    throw new ToolMissingError(
      'promtool not found: obs test runs the real `promtool test rules` (install it with: apt-get install -y prometheus)',
    );
  const result = await build({ root, dryRun: true, ...(opts.session ? { session: opts.session } : {}) });
  const selected = result.project.modules.map((m) => ({
    ...m,
    tests: m.tests.filter((t) => matchesFilter(opts.filter, t.name, m.module)),
  }));
  const modulesWithTests = selected.filter((m) => m.tests.length > 0);
  const failed: Diagnostic[] = [];
  const output: { file: string; text: string; ok: boolean }[] = [];
  if (!result.ok) return { build: result, files: 0, tests: 0, failed, output, routing: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'obs-test-'));
  try {
    // With a filter, the test files hold only the selected tests (the rule files are whole).
    for (const f of [...result.files, ...(opts.filter ? emitUnitTests(selected) : [])]) {
      const p = join(dir, ...f.path.split('/'));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
    }
    for (const m of modulesWithTests)
      for (const file of testFilesOf(m.module, m.tests)) {
        const rel = file.path;
        const res = spawnSync(promtool, ['test', 'rules', rel.split('/').pop() ?? rel], {
          cwd: join(dir, dirname(rel)),
          encoding: 'utf8',
        });
        const text = `${res.stdout ?? ''}${res.stderr ?? ''}`;
        output.push({ file: rel, text, ok: res.status === 0 });
        if (res.status === 0) continue;
        const byTest = failuresByTest(text);
        if (byTest.size === 0) {
          failed.push({
            checkId: 'test/promtool',
            severity: 'error',
            message: `promtool test rules failed for ${m.module}:\n${text.trim()}`,
            location: { file: m.module, line: 1, column: 1 },
          });
        }
        for (const [name, detail] of byTest) {
          const t = m.tests.find((x) => x.name === name);
          failed.push({
            checkId: 'test/failed',
            severity: 'error',
            message: `rule test ${JSON.stringify(name)} failed:\n${detail.trimEnd()}`,
            hint: 'exp: is what the test expects, got: what the rules produced',
            location: t?.site ?? { file: m.module, line: 1, column: 1 },
          });
        }
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const routing = runRoutingTests(result.project.alertmanager, result.files, findAmtoolBinary(), (name, module) =>
    matchesFilter(opts.filter, name, module),
  );
  failed.push(...routing.failed);
  return {
    build: result,
    files: output.length,
    tests: modulesWithTests.reduce((n, m) => n + m.tests.length, 0) + routing.tests,
    failed,
    output,
    routing: routing.tests,
  };
}
