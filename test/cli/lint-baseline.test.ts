/** `obs lint --write-baseline` / `--baseline`: only new problems, matched without line numbers. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';
import { MOVE_DOWN, NEW_RULE, RULES } from './baseline-rules.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('obs lint baseline', () => {
  it('reports only problems the baseline does not hold, wherever the known ones moved', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obs-baseline-'));
    dirs.push(root);
    writeFileSync(join(root, 'rules.yml'), RULES);
    const before = await runObs(['lint', 'rules.yml'], { cwd: root });
    expect(before.code).toBe(1);
    const write = await runObs(['lint', 'rules.yml', '--write-baseline', 'obs-baseline.json'], { cwd: root });
    expect(write.code).toBe(0);
    expect(write.stdout).toMatch(/wrote obs-baseline\.json: 2 problem\(s\)/);
    const baseline = JSON.parse(readFileSync(join(root, 'obs-baseline.json'), 'utf8')) as { problems: { checkId: string }[] };
    expect(baseline.problems.map((p) => p.checkId).sort()).toEqual(['alerts/template-labels', 'alerts/topk']);

    // Known problems moved down by an edit above them: still known.
    writeFileSync(join(root, 'rules.yml'), RULES.replace(...MOVE_DOWN));
    const moved = await runObs(['lint', 'rules.yml', '--baseline', 'obs-baseline.json'], { cwd: root });
    expect([moved.code, moved.stderr]).toEqual([0, 'obs lint: 2 problem(s) held by the baseline obs-baseline.json not shown\n']);

    // A new problem (another template label) is reported, the known ones are not.
    writeFileSync(join(root, 'rules.yml'), `${RULES}${NEW_RULE}`);
    const fresh = await runObs(['lint', 'rules.yml', '--baseline', 'obs-baseline.json', '--format', 'json'], { cwd: root });
    expect(fresh.code).toBe(1);
    const problems = (JSON.parse(fresh.stdout) as { problems: { checkId: string; message: string }[] }).problems;
    expect(problems.map((p) => [p.checkId, p.message.includes('$labels.pod')])).toEqual([['alerts/template-labels', true]]);
  });

  it('refuses a missing or foreign baseline with a clear message', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obs-baseline-'));
    dirs.push(root);
    writeFileSync(join(root, 'rules.yml'), RULES);
    const missing = await runObs(['lint', 'rules.yml', '--baseline', 'nope.json'], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('cannot read the baseline')]);
    writeFileSync(join(root, 'other.json'), '{"version": 7}');
    const foreign = await runObs(['lint', 'rules.yml', '--baseline', 'other.json'], { cwd: root });
    expect([foreign.code, foreign.stderr]).toEqual([2, expect.stringContaining('is not an obs lint baseline of version 1')]);
    expect((await runObs(['lint', '--baseline', 'a', '--write-baseline', 'b'], { cwd: root })).code).toBe(2);
    // A baseline that cannot be written (no such folder, a folder) is a usage error, not a crash.
    const noDir = await runObs(['lint', 'rules.yml', '--write-baseline', 'no/such/dir/b.json'], { cwd: root });
    expect([noDir.code, noDir.stderr]).toEqual([2, expect.stringContaining('cannot write the baseline')]);
    const isDir = await runObs(['lint', 'rules.yml', '--write-baseline', '.'], { cwd: root });
    expect([isDir.code, isDir.stderr]).toEqual([2, expect.stringContaining('EISDIR')]);
  });
});
