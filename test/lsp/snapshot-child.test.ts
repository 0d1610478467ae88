/**
 * The editor's on-save check (`obs lsp --snapshot`, issue 18): one long-lived child per
 * project answers each save, in one session, so it reuses what did not change. Every answer is the
 * project as saved then (never an earlier state); a module that exits or breaks costs a located
 * problem or that child, never the next save's check; a child past its heap budget is replaced.
 */
import { afterEach, expect, it } from 'vitest';
import { requestSnapshot, SnapshotChild, SnapshotError } from '../../dsl/lsp/snapshot.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

const CONFIG = `export default { prometheus: { version: '2.42' } };\n`;
const module = (expr: string): string => `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({
  name: 'ok',
  rules: [alert({ name: 'OkDown', expr: '${expr}', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],
});
`;

let fixture: FixtureProject | undefined;
let child: SnapshotChild | undefined;
afterEach(() => {
  child?.dispose();
  fixture?.cleanup();
  child = fixture = undefined;
});

const problems = (s: { diagnostics: readonly { checkId: string; location?: { file: string; line: number; column: number } }[] }): string[] =>
  s.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.checkId}`).sort();

it('answers every save from one child, with the project as saved then', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': module('up == 0') }, config: CONFIG }));
  child = new SnapshotChild(p.root, 120_000);
  expect(problems(await child.take())).toEqual([]);
  p.write('alerts/ok.ts', module('rate(up[5m] == 0'));
  const broken = await child.take();
  expect(problems(broken)).toEqual(['alerts/ok.ts:5:58 promql/syntax']);
  // What a fresh child (nothing kept) says of the same files.
  expect(broken.diagnostics).toEqual((await requestSnapshot(p.root, 120_000)).diagnostics);
  p.write('alerts/ok.ts', module('up == 0'));
  expect(problems(await child.take())).toEqual([]);
  // A registry file added since: its metrics are in the next answer.
  p.write('registry/new.ts', `import { counter, registry } from '../dsl/index.ts';\nexport const r = registry({ name: 'new', metrics: { new_total: counter({ help: 'New.', labels: [] }) } });\n`);
  const s = await child.take();
  expect(s.registries.map((r) => Object.keys(r.metrics))).toEqual([['new_total']]);
  expect(child.starts, 'the same child answered every save').toBe(1);
}, 240_000);

it('a module that exits is a problem of that save; the next save is checked', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': module('up == 0') }, config: CONFIG }));
  child = new SnapshotChild(p.root, 120_000);
  await child.take();
  p.write('alerts/exits.ts', `process.exit(3);\nexport {};\n`);
  const failed: string[] | Error = await child.take().then(
    (s) => problems(s),
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );
  // Located by the load guard (a problem in the answer), or the child is gone and says why.
  if (failed instanceof Error) expect(failed).toBeInstanceOf(SnapshotError);
  else expect(failed.join('\n')).toContain('alerts/exits.ts:1:');
  p.write('alerts/exits.ts', `export {};\n`);
  expect(problems(await child.take())).toEqual([]);
}, 240_000);

it('replaces a child whose heap grew past OBS_LSP_HEAP_BUDGET_MB, and says the same', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': module('up == 0') }, config: CONFIG }));
  const before = process.env.OBS_LSP_HEAP_BUDGET_MB;
  process.env.OBS_LSP_HEAP_BUDGET_MB = '0';
  try {
    child = new SnapshotChild(p.root, 120_000);
    await child.take();
    p.write('alerts/ok.ts', module('rate(up[5m] == 0'));
    expect(problems(await child.take())).toEqual(['alerts/ok.ts:5:58 promql/syntax']);
    // The budget of 0 MiB ends the child after each answer: this one was another.
    expect(child.starts).toBe(2);
  } finally {
    if (before === undefined) delete process.env.OBS_LSP_HEAP_BUDGET_MB;
    else process.env.OBS_LSP_HEAP_BUDGET_MB = before;
  }
}, 240_000);
