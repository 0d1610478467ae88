/**
 * One-shot commands (`obs lint`, `obs build`, `obs test`) run the authored modules they load as one
 * script with V8's code cache (bin/graph-script.js) instead of importing their linked copies. The
 * real binary, on fixture projects: the script gives the same report and the same out/ as the
 * copies (OBS_GRAPH_SCRIPT=0), every place is the TS file:line:column, an error is its own
 * module's, a module is run once per process, an edit is never served stale, and what the script
 * cannot run as Node would is left to the copies. OBS_DEBUG_LINK=1 tells which path loaded.
 */
import { spawn } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary, type CliRun, type FixtureProject } from '../helpers/fixture-project.ts';

const BIN = new URL('../../bin/obs.js', import.meta.url).pathname;
let project: FixtureProject | undefined;
afterEach(() => project?.cleanup());

const SCRIPT = /obs: as one script: /;
const NOT_SCRIPT = /obs: not as one script: (.*)/;

/** An alert whose `for:` (an invalid duration, which lint names in its message) is `from`. */
function alertFile(imports: string, from: string, name = 'A'): string {
  return `import { alert, ruleGroup } from '../dsl/index.ts';\n${imports}\nexport const g${name} = ruleGroup({ name: 'g${name}', rules: [alert({ name: '${name}', expr: 'up == 0', for: ${from}, labels: { severity: 'page' }, annotations: { summary: 's' } })] });\n`;
}

async function obs(p: FixtureProject, argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await runObsBinary(p.root, argv, { OBS_DEBUG_LINK: '1', ...env });
  expect(r.stderr).not.toMatch(/internal error|ERR_|loading through the hook/);
  return r;
}

/** `file:line:column checkId: message` of each problem of `obs lint --format json`. */
function problems(r: CliRun): string[] {
  const doc = JSON.parse(r.stdout) as { problems: { checkId: string; message: string; location?: { file: string; line: number; column: number } }[] };
  return doc.problems.map((x) => `${x.location?.file}:${x.location?.line}:${x.location?.column} ${x.checkId}: ${x.message}`);
}

const REGISTRY = `import { counter, gauge, registry } from '../dsl/index.ts';

export const api = registry({
  name: 'api',
  jobs: ['api'],
  metrics: {
    api_requests_total: counter({ help: 'Requests.', labels: ['code'] }),
    api_up: gauge({ help: 'Up.' }),
  },
});
`;

it('runs config, registries and definitions as one script, with the same report and out/ as the linked copies', async () => {
  project = createFixtureProject({
    prefix: 'obs-graph-same-',
    config: `import { defineConfig } from './dsl/index.ts';\n\nexport default defineConfig({ policy: { requiredAnnotations: ['summary', 'runbook_url'] } });\n`,
    files: {
      'registry/api.ts': REGISTRY,
      // Exports in an order that is not sorted: definitions are read in the namespace's (sorted) order.
      'alerts/a.ts': `${alertFile(`import { unit } from './a-unit.ts';\n`, "'5' + unit", 'Zed')}export const gAlpha = gZed;\n`,
      'alerts/a-unit.ts': `export const unit = 'mins';\n`,
      'alerts/b.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\n\nexport default ruleGroup({\n  name: 'b',\n  rules: [alert({ name: 'B', expr: 'rate(api_requests_total{cod="5xx"}[5m]) > 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],\n});\n`,
      'alerts/c.ts': `export const n = 1;\nthrow new Error('c fails here');\n`,
      // Imports the module that throws: it fails with the same error, as under Node.
      'alerts/d.ts': `import { n } from './c.ts';\n\nexport const m = n + 1;\n`,
    },
  });
  const script = await obs(project, ['lint', '--format', 'json']);
  expect(script.stderr).toMatch(SCRIPT);
  expect(script.stderr, script.stderr).not.toMatch(NOT_SCRIPT);
  const copies = await obs(project, ['lint', '--format', 'json'], { OBS_GRAPH_SCRIPT: '0' });
  expect(copies.stderr).not.toMatch(SCRIPT);
  expect(problems(script)).toEqual(problems(copies));
  const found = problems(script).join('\n');
  // Each module's problems at its TS line and column; the error of one module is its own.
  expect(found).toMatch(/^alerts\/a\.ts:4:55 rules\/durations: .*"5mins"/m);
  expect(found).toMatch(/^alerts\/b\.ts:5:\d+ .*cod/m);
  expect(found).toMatch(/^alerts\/c\.ts:2:7 collect\/module-error: .*c fails here/m);
  expect(found).toMatch(/collect\/module-error: alerts\/d\.ts failed to load: c fails here/m);

  project.write('alerts/c.ts', `export const n = 1;\n`);
  project.write('alerts/d.ts', `export const m = 2;\n`);
  project.replace('alerts/a.ts', "'5' + unit", "'5m'");
  project.write('obs.config.ts', `export default {};\n`);
  project.replace('alerts/b.ts', 'cod=', 'code=');
  const built = await obs(project, ['build']);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  expect(built.stderr).toMatch(SCRIPT);
  const out = project.snapshot();
  expect(out.size).toBeGreaterThan(0);
  await obs(project, ['build'], { OBS_GRAPH_SCRIPT: '0' });
  expect(project.snapshot()).toEqual(out);
  // gAlpha (sorted first) is the same group as gZed: the rule file names it once, in that order.
  const rules = [...out.entries()].find(([f]) => f.endsWith('.yml') || f.endsWith('.yaml'));
  expect(rules?.[1].toString()).toMatch(/name: gZed/);
}, 240_000);

it('a place in a registry and a thrown error are located at the TS line and column', async () => {
  project = createFixtureProject({
    prefix: 'obs-graph-place-',
    files: {
      'registry/api.ts': REGISTRY,
      'registry/bad.ts': `import { registry } from '../dsl/index.ts';\n\nconst n: number = 1;\nif (n > 0) throw new TypeError('bad registry');\nexport const bad = registry({ name: 'bad', jobs: ['bad'], metrics: {} });\n`,
      'alerts/a.ts': alertFile('', "'5m'"),
    },
  });
  const r = await obs(project, ['lint', '--format', 'json']);
  expect(r.stderr).toMatch(SCRIPT);
  expect(problems(r).join('\n')).toMatch(/^registry\/bad\.ts:4:18 .*bad registry/m);
  const copies = await obs(project, ['lint', '--format', 'json'], { OBS_GRAPH_SCRIPT: '0' });
  expect(problems(r)).toEqual(problems(copies));
}, 240_000);

it('a module the config and a definition both import runs once', async () => {
  const counted = `const g = globalThis as { obsRuns?: number };\ng.obsRuns = (g.obsRuns ?? 0) + 1;\nexport const runs = g.obsRuns;\n`;
  project = createFixtureProject({
    prefix: 'obs-graph-once-',
    config: `import { runs } from './shared.ts';\n\nexport default { prometheus: { version: runs === 1 ? '2.42' : '2.41' } };\n`,
    files: {
      'shared.ts': counted,
      'alerts/a.ts': alertFile(`import { runs } from '../shared.ts';\n`, "runs + 'mins'"),
    },
  });
  const r = await obs(project, ['lint', '--format', 'json']);
  expect(r.stderr).toMatch(SCRIPT);
  expect(problems(r).join('\n')).toMatch(/"1mins"/);
}, 240_000);

it('an edit that keeps the size and time of a file is run, never the script made before it', async () => {
  project = createFixtureProject({
    prefix: 'obs-graph-edit-',
    files: { 'alerts/a.ts': alertFile(`import { unit } from './unit.ts';\n`, "'5' + unit"), 'alerts/unit.ts': `export const unit = 'mins';\n` },
  });
  const time = 1_700_000_000;
  utimesSync(`${project.root}/alerts/unit.ts`, time, time);
  expect(problems(await obs(project, ['lint', '--format', 'json'])).join('\n')).toMatch(/"5mins"/);
  // Its code cache is written by the first run and used by the next.
  const again = await obs(project, ['lint', '--format', 'json']);
  expect(problems(again).join('\n')).toMatch(/"5mins"/);
  project.replace('alerts/unit.ts', "'mins'", "'hour'");
  utimesSync(`${project.root}/alerts/unit.ts`, time, time);
  const edited = problems(await obs(project, ['lint', '--format', 'json'])).join('\n');
  expect(edited).toMatch(/"5hour"/);
  expect(edited).not.toMatch(/"5mins"/);
}, 240_000);

it('what one script would not run as Node does is loaded as linked copies, with the same report', async () => {
  const cases: { files: Record<string, string>; why: RegExp; expect: RegExp }[] = [
    { files: { 'alerts/a.ts': alertFile(`const unit = await Promise.resolve('mins');\n`, "'5' + unit") }, why: /esbuild: .*[Tt]op-level await/, expect: /"5mins"/ },
    { files: { 'alerts/a.ts': alertFile(`import { unit } from './c.ts';\n`, "'5' + unit"), 'alerts/c.ts': `import { gA } from './a.ts';\nexport const unit = 'mins';\nexport const again = (): unknown => gA;\n` }, why: /import cycle/, expect: /"5mins"/ },
    { files: { 'alerts/a.ts': alertFile(`const { unit } = await import('./d.ts');\n`, "'5' + unit"), 'alerts/d.ts': `export const unit = 'mins';\n` }, why: /dynamic import|top-level await/, expect: /"5mins"/ },
    { files: { 'alerts/a.ts': alertFile('', "'5mins'"), 'alerts/side.ts': `(globalThis as { x?: number }).x = 1;\n` }, why: /not an ES module to esbuild/, expect: /"5mins"/ },
  ];
  for (const c of cases) {
    project?.cleanup();
    project = createFixtureProject({ prefix: 'obs-graph-fallback-', files: c.files });
    const r = await obs(project, ['lint', '--format', 'json']);
    expect(r.stderr).toMatch(c.why);
    expect(problems(r).join('\n'), r.stderr).toMatch(c.expect);
    expect(problems(r)).toEqual(problems(await obs(project, ['lint', '--format', 'json'], { OBS_GRAPH_SCRIPT: '0' })));
  }
}, 600_000);

it('watch mode keeps loading linked copies (it runs again only what an edit changed)', async () => {
  project = createFixtureProject({ prefix: 'obs-graph-watch-', files: { 'alerts/a.ts': alertFile('', "'5m'") } });
  const child = spawn(process.execPath, [BIN, 'build', '--watch'], { cwd: project.root, env: { ...process.env, NO_COLOR: '1', OBS_DEBUG_LINK: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    for (let waited = 0; !/^watching .* for changes/m.test(stdout); waited += 100) {
      expect(waited, stdout + stderr).toBeLessThan(60_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stdout).toMatch(/wrote/);
    expect(stderr).not.toMatch(SCRIPT);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}, 120_000);

it('modules a script ran are handed to the linked copies that import them, not run again', async () => {
  project = createFixtureProject({
    prefix: 'obs-graph-handed-',
    files: {
      'registry/api.ts': `import { counter, registry } from '../dsl/index.ts';\n\nconst g = globalThis as { obsRuns?: number };\ng.obsRuns = (g.obsRuns ?? 0) + 1;\nexport const runs = g.obsRuns;\nexport const api = registry({ name: 'api', jobs: ['api'], metrics: { api_requests_total: counter({ help: 'Requests.' }) } });\n`,
      // An import cycle: the definitions are loaded as linked copies, after the registries ran as a script.
      'alerts/a.ts': alertFile(`import { runs } from '../registry/api.ts';\nimport { unit } from './c.ts';\n`, 'runs + unit'),
      'alerts/c.ts': `import { gA } from './a.ts';\nexport const unit = 'mins';\nexport const again = (): unknown => gA;\n`,
    },
  });
  const r = await obs(project, ['lint', '--format', 'json']);
  expect(r.stderr).toMatch(SCRIPT);
  expect(r.stderr).toMatch(/import cycle/);
  expect(problems(r).join('\n')).toMatch(/"1mins"/);
  expect(problems(r)).toEqual(problems(await obs(project, ['lint', '--format', 'json'], { OBS_GRAPH_SCRIPT: '0' })));
}, 240_000);

it('a registry obs.config.ts ran as a script is not run again when the registries are loaded as linked copies', async () => {
  const counted = `import { counter, registry } from '../dsl/index.ts';\n\nconst g = globalThis as { obsRuns?: number };\ng.obsRuns = (g.obsRuns ?? 0) + 1;\nexport const api = registry({ name: 'api', jobs: ['api'], metrics: { api_requests_total: counter({ help: 'Requests.' }) } });\n`;
  project = createFixtureProject({
    prefix: 'obs-graph-entry-',
    config: `import { api } from './registry/api.ts';\n\nexport default { prometheus: { version: api ? '2.42' : '2.41' } };\n`,
    files: {
      'registry/api.ts': counted,
      // An import cycle among the registries: their load falls back to linked copies, with api.ts one of its entries.
      'registry/c1.ts': `import { two } from './c2.ts';\nexport const one = (): string => two;\n`,
      'registry/c2.ts': `import { one } from './c1.ts';\nexport const two = 'two';\nexport const again = (): unknown => one;\n`,
      'alerts/a.ts': alertFile('const g = globalThis as { obsRuns?: number };\n', "g.obsRuns + 'mins'"),
    },
  });
  const r = await obs(project, ['lint', '--format', 'json']);
  expect(r.stderr).toMatch(SCRIPT);
  expect(r.stderr).toMatch(/import cycle/);
  expect(problems(r).join('\n')).toMatch(/"1mins"/);
}, 240_000);
