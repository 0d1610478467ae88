/** The `obs` command: parses arguments, calls the library, maps results to exit codes. */
import { UsageError, processIO, type CliIO } from './io.ts';
import { holdAuthorCodeWatch } from '../core/watchdog.ts';
import { packageVersion } from '../core/package-root.ts';

// The launcher (bin/library.js) hands over what makes authored TS importable.
export { onFirstAuthoredImport } from '../core/import-authored.ts';
// bin/obs.js's watch supervisor waits for a save with it (after a child stopped a loop).
export { nextSave } from '../pipeline/watch.ts';

const USAGE = `usage: obs <command> [options]

commands:
  build [--check]   check every definition and write out/ (--check: fail if out/ is stale)
  diff              what the change does to out/, semantically (rules, dashboards, SLOs, routing), for review
  init              lay out an obs project in this repository (config, folders, package.json, CI)
  import rules      turn Prometheus rule files into TS modules of the project
  import dashboard  turn Grafana dashboard JSON into TS modules of the project
  import alertmanager turn an alertmanager.yml into a TS module of the project (secrets become placeholders)
  preview           render every dashboard as static HTML (before/after with --base, data with --prometheus)
  lint [PATH...]    run the checks without writing: the TS project, or rule YAML / dashboard JSON files
  lsp               the language server for editors (problems as you type, completion, hover; docs/editor.md)
  promql            check PromQL expressions from stdin, one per line
  routes            which Alertmanager receiver each alert reaches (alertmanager/)
  registry import   write a metric registry module from an exporter's /metrics or a Prometheus server
  test              run the alert unit tests (ruleTest) with the real promtool

Run 'obs <command> --help' for a command's options, 'obs --version' for obs's version.`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

// A command's modules are imported only when it runs: start-up dominates short runs, and
// `obs lint rules.yml` should not load what other commands need (the TypeScript parser, the Grafana SDK).
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.ts')).buildCommand,
  diff: async () => (await import('./diff.ts')).diffCommand,
  init: async () => (await import('./init.ts')).initCommand,
  import: async () => (await import('./import.ts')).importCommand,
  lint: async () => (await import('./lint.ts')).lintCommand,
  lsp: async () => (await import('./lsp.ts')).lspCommand,
  preview: async () => (await import('./preview.ts')).previewCommand,
  promql: async () => (await import('./promql.ts')).promqlCommand,
  registry: async () => (await import('./registry.ts')).registryCommand,
  routes: async () => (await import('./routes.ts')).routesCommand,
  test: async () => (await import('./test.ts')).testCommand,
};

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`obs ${packageVersion()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`obs: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
    return 2;
  }
  try {
    const command = await load();
    // The watchdog that loading author code starts keeps watching what obs calls afterwards.
    return await holdAuthorCodeWatch(name, () => command(rest, io));
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`obs ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
