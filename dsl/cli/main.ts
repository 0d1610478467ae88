/** The `obs` command: parses arguments, calls the library, maps results to exit codes. */
import { buildCommand } from './build.ts';
import { UsageError, processIO, type CliIO } from './io.ts';
import { promqlCommand } from './promql.ts';
import { testCommand } from './test.ts';

const USAGE = `usage: obs <command> [options]

commands:
  build [--check]   check every definition and write out/ (--check: fail if out/ is stale)
  promql            check PromQL expressions from stdin, one per line
  test              run the alert unit tests (ruleTest) with the real promtool

Run 'obs <command> --help' for a command's options.`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  promql: promqlCommand,
  test: testCommand,
};

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`obs: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`obs ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
