/** `obs test`: run the alert unit tests with the real promtool. */
import { parseArgs } from 'node:util';
import { ToolMissingError } from '../build/promtool.ts';
import { runUnitTests } from '../build/unit-tests.ts';
import { ConfigError } from '../config/load.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';

export const TEST_USAGE = `usage: obs test

Runs every ruleTest(...) with the real \`promtool test rules\` against the rules as built.
Exit code: 0 all pass, 1 a test failed or the definitions have errors, 2 usage error or promtool missing.`;

export async function testCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  let run;
  try {
    run = await runUnitTests(io.cwd);
  } catch (e) {
    if (e instanceof ToolMissingError || e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  if (!run.build.ok) {
    io.stderr(formatDiagnosticsText(run.build.diagnostics, { root: io.cwd, color: io.color }));
    io.stderr('obs test: the definitions have errors; fix them first\n');
    return 1;
  }
  if (run.failed.length) io.stderr(formatDiagnosticsText(run.failed, { root: io.cwd, color: io.color }));
  const passed = run.tests - run.failed.length;
  io.stdout(`obs test: ${run.tests} test(s) in ${run.files} file(s): ${passed} passed, ${run.failed.length} failed\n`);
  return run.failed.length ? 1 : 0;
}
