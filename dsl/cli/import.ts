/** `obs import rules`: Prometheus rule files become TS modules of the project. */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../import/files.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { ConfigError } from '../config/load.ts';
import { UsageError, type CliIO } from './io.ts';

export const IMPORT_USAGE = `usage: obs import rules FILE... [--out FILE|-] [--force]
       obs import dashboard FILE.json... [--out FILE|-] [--force]
       obs import alertmanager alertmanager.yml [--out FILE|-] [--force]

Writes each Prometheus rule file (rulefmt YAML, a PrometheusRule manifest or a Mimir ruler
namespace file) as a TS module of ruleGroup/alert/record calls: alerts/<file>.ts, or
recording/<file>.ts when the file only records (the folders obs.config.ts names). The module
builds exactly the file's groups, so 'npm run build:obs' then writes the same rules to out/rules/.
Each Grafana dashboard (classic JSON: an export, or the /api/dashboards/uid/<uid> response) becomes
dashboards/<uid or title>.ts: typed fields for what the DSL types, 'extra' for everything else it
sets, so the module builds the same dashboard. An alertmanager.yml becomes alertmanager/index.ts
(alertmanagerConfig with its routes, receivers, inhibit rules and time intervals); secrets written
in the file become placeholders (listed), *_file fields secret files.
  --out FILE   where to write the module (one file only); '-' prints it
  --force      overwrite a module that exists
Exit code: 0 written, 1 a file could not be imported (nothing written for it), 2 usage error.`;

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const [what, ...rest] = argv;
  if (what === undefined || what === '--help' || what === '-h') {
    io.stdout(`${IMPORT_USAGE}\n`);
    return what === undefined ? 2 : 0;
  }
  if (what !== 'rules' && what !== 'dashboard' && what !== 'alertmanager')
    throw new UsageError(
      `unknown kind ${JSON.stringify(what)} (known: rules, dashboard, alertmanager; for metrics, see obs registry import)`,
    );
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${IMPORT_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError(
      `give the ${what === 'rules' ? 'rule' : what === 'dashboard' ? 'dashboard' : 'alertmanager.yml'} file(s) to import`,
    );
  if (what === 'alertmanager' && positionals.length > 1)
    throw new UsageError('a project has one Alertmanager configuration: import one file');
  if (values.out !== undefined && positionals.length > 1)
    throw new UsageError('--out names one module: import one file at a time with it');
  for (const p of positionals) {
    const kind = statSync(resolve(io.cwd, p), { throwIfNoEntry: false });
    if (!kind) throw new UsageError(`no such file: ${p}`);
    if (!kind.isFile()) throw new UsageError(`${p} is not a file: give the files themselves`);
  }
  let imports;
  try {
    imports = await importFiles(what, io.cwd, positionals, values.out === '-' ? undefined : values.out);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  let failed = 0;
  for (const i of imports) {
    if (!i.result.ok) {
      failed++;
      io.stderr(formatDiagnosticsText(i.result.diagnostics, { root: io.cwd, color: io.color }));
      io.stderr(
        `obs import: ${i.source} not imported${what === 'rules' ? ` (fix it, or lint it with: obs lint ${i.source})` : ''}\n`,
      );
      continue;
    }
    if (values.out === '-') {
      io.stdout(i.result.text);
      for (const n of i.result.notes) io.stderr(`obs import: note: ${n}\n`);
      continue;
    }
    if (i.exists && !values.force) {
      failed++;
      io.stderr(`obs import: ${i.target} exists; not overwritten (--force overwrites it, --out writes elsewhere)\n`);
      continue;
    }
    const abs = join(io.cwd, i.target);
    try {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, i.result.text);
    } catch (e) {
      failed++;
      io.stderr(`obs import: cannot write ${i.target}: ${e instanceof Error ? e.message : String(e)}\n`);
      continue;
    }
    io.stdout(`obs import: wrote ${i.target} from ${i.source} (${i.result.summary})\n`);
    for (const n of i.result.notes) io.stdout(`  note: ${n}\n`);
  }
  if (values.out !== '-' && imports.length > failed) {
    io.stdout(
      what === 'rules'
        ? 'next: npm run build:obs writes them to out/rules/; once that is deployed, retire the imported YAML file(s)\n'
        : what === 'alertmanager'
          ? 'next: npm run build:obs checks the routing against the alerts and writes out/alertmanager/alertmanager.yml; deploy that instead of the imported file\n'
          : 'next: npm run build:obs writes them to out/dashboards/ and checks them; once provisioned from there, delete the originals in Grafana\n',
    );
  }
  return failed ? 1 : 0;
}
