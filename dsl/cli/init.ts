/** `obs init`: lays out an obs project in the current directory. */
import { parseArgs } from 'node:util';
import { initProject } from '../pipeline/init-project.ts';
import { parseTarget } from '../promql/target.ts';
import { UsageError, type CliIO } from './io.ts';

export const INIT_USAGE = `usage: obs init [--dependency SPEC] [--prometheus VERSION]

Lays out an obs project in the current directory (an existing repository): obs.config.ts, the
folders alerts/ recording/ dashboards/ slos/ registry/, tsconfig.json, package.json scripts and
the obs-as-code dependency, .gitignore entries and a CI workflow (.github/workflows/obs.yml, or
ci/obs.gitlab-ci.yml next to a .gitlab-ci.yml). Files that exist are not overwritten:
package.json and .gitignore only gain what they lack; every file left alone is listed.
  --dependency SPEC      how package.json names obs-as-code: a tarball path, a git URL or a
                         version (default: this obs's version, or a file: link to this checkout)
  --prometheus VERSION   the Prometheus version the rules run on (default: the latest obs models)
Exit code: 0 done, 2 usage error.`;

export async function initCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { dependency: { type: 'string' }, prometheus: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${INIT_USAGE}\n`);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`obs init takes no arguments (it lays out the current directory): ${positionals.join(' ')}`);
  if (values.prometheus !== undefined) {
    const t = parseTarget(values.prometheus, []);
    if (!t.ok) throw new UsageError(`--prometheus: ${t.error}`);
  }
  const r = initProject(io.cwd, {
    ...(values.dependency !== undefined ? { dependency: values.dependency } : {}),
    ...(values.prometheus !== undefined ? { prometheusVersion: values.prometheus } : {}),
  });
  for (const s of r.steps) {
    if (s.action === 'created') io.stdout(`  created  ${s.path}\n`);
    else if (s.action === 'updated')
      io.stdout(
        `  updated  ${s.path}: added ${s.added.join(', ')}${s.kept.length ? `; kept ${s.kept.join(', ')}` : ''}\n`,
      );
    else io.stdout(`  skipped  ${s.path} (${s.reason})\n`);
  }
  io.stdout(`obs init: done. Next:
  npm install                     installs obs-as-code (${r.dependency || 'add it to package.json'})
  obs import rules FILE...        turns rule files you have into modules of alerts/ or recording/
  obs import dashboard FILE...    turns dashboard JSON into modules of dashboards/
  npm run build:obs               checks everything and writes out/
See docs/adoption.md.
`);
  return 0;
}
