/** `obs test [FILTER] [--watch]`: run the alert unit tests with the real promtool. */
import { parseArgs } from 'node:util';
import { ToolMissingError } from '../pipeline/promtool.ts';
import { runUnitTests, type UnitTestRun } from '../pipeline/unit-tests.ts';
import { ConfigError } from '../config/load.ts';
import type { Session } from '../core/session.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';
import { reportStuckAsText } from './stuck.ts';
import { outDirOf, watchCommand } from './watch.ts';

export const TEST_USAGE = `usage: obs test [FILTER] [--watch]

Runs every ruleTest(...) (and the Alertmanager routing tests) with the real \`promtool test rules\`
against the rules as built. With FILTER, only the tests whose name or module path contains it
(case does not matter).
  --watch   run again after each save; print the tests that fail and those fixed (Ctrl-C to stop)
Exit code: 0 all pass, 1 a test failed, no test matches FILTER or the definitions have errors,
2 usage error or promtool missing.`;

async function run(io: CliIO, filter: string | undefined, session?: Session): Promise<UnitTestRun> {
  try {
    return await runUnitTests(io.cwd, { ...(filter !== undefined ? { filter } : {}), ...(session ? { session } : {}) });
  } catch (e) {
    if (e instanceof ToolMissingError || (e instanceof ConfigError && !session)) throw new UsageError(e.message);
    throw e;
  }
}

/** One line saying how many tests ran and how they ended. */
function verdict(r: UnitTestRun, filter: string | undefined): string {
  if (!r.build.ok) return 'the definitions have errors; fix them first';
  if (r.tests === 0 && filter !== undefined) return `no test matches ${JSON.stringify(filter)}`;
  const passed = r.tests - r.failed.length;
  return `${r.tests} test(s) in ${r.files} file(s): ${passed} passed, ${r.failed.length} failed`;
}

export async function testCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' }, watch: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`obs test takes one FILTER, got ${positionals.length}: ${positionals.join(' ')}`);
  const filter = positionals[0];
  if (values.watch) {
    return watchCommand(io, 'obs test', { ignore: [await outDirOf(io)] }, async (session) => {
      const r = await run(io, filter, session);
      return { diagnostics: r.build.ok ? r.failed : r.build.diagnostics, lines: [verdict(r, filter)] };
    });
  }
  reportStuckAsText(io);
  const r = await run(io, filter);
  if (!r.build.ok) {
    io.stderr(formatDiagnosticsText(r.build.diagnostics, { root: io.cwd, color: io.color }));
    io.stderr(`obs test: ${verdict(r, filter)}\n`);
    return 1;
  }
  if (r.failed.length) io.stderr(formatDiagnosticsText(r.failed, { root: io.cwd, color: io.color }));
  if (r.tests === 0 && filter !== undefined) {
    io.stderr(`obs test: ${verdict(r, filter)}\n`);
    return 1;
  }
  io.stdout(`obs test: ${verdict(r, filter)}\n`);
  return r.failed.length ? 1 : 0;
}
