/**
 * `obs lint --new-since REF` (the real binary, on a temporary git repository): only problems the
 * files did not have at REF, matched by check, file, subject and message, never by line; the
 * working tree, the index and the refs are left exactly as they were.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';
import { MOVE_DOWN, NEW_RULE, RULES } from './baseline-rules.ts';

let project: FixtureProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const CONFIG = `import { defineConfig } from './dsl/index.ts';
export default defineConfig({ prometheus: { version: '2.42' } });
`;

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
}

function repo(files: Record<string, string>): FixtureProject {
  project = createFixtureProject({ config: CONFIG, files: { '.gitignore': 'node_modules\nout/\n', ...files } });
  git(project.root, 'init', '-q', '-b', 'main');
  git(project.root, 'add', '-A');
  git(project.root, 'commit', '-q', '-m', 'before');
  return project;
}

/** What git knows of the repository: status, index, refs. */
function gitState(root: string): string {
  return [git(root, 'status', '--porcelain', '--untracked-files=all'), git(root, 'ls-files', '-s'), git(root, 'show-ref'), git(root, 'worktree', 'list', '--porcelain')].join('\n');
}

type Problem = { checkId: string; message: string; location: { file: string; line: number } | null };
const problems = (stdout: string): Problem[] => (JSON.parse(stdout) as { problems: Problem[] }).problems;

describe('obs lint --new-since', () => {
  it('reports only problems a rule file did not have at the ref, wherever the old ones moved', async () => {
    const p = repo({ 'rules/api.yml': RULES });
    // Known problems moved down by a group added above them, and one new problem.
    p.write('rules/api.yml', `${RULES.replace(...MOVE_DOWN)}${NEW_RULE}`);
    const state = gitState(p.root);
    const all = await runObsBinary(p.root, ['lint', 'rules/api.yml', '--format', 'json']);
    expect(problems(all.stdout).map((d) => d.checkId).sort()).toEqual(['alerts/template-labels', 'alerts/template-labels', 'alerts/topk']);

    const r = await runObsBinary(p.root, ['lint', 'rules/api.yml', '--new-since', 'HEAD', '--format', 'json']);
    expect(r.code).toBe(1);
    const fresh = problems(r.stdout);
    expect(fresh.map((d) => [d.checkId, d.location?.file, d.location?.line])).toEqual([['alerts/template-labels', 'rules/api.yml', 15]]);
    expect(fresh[0]?.message).toContain('$labels.pod');
    expect(r.stderr).toMatch(/^obs lint: 2 problem\(s\) already present at HEAD \([0-9a-f]{12}\) not shown\n$/);
    // Nothing of the repository changed: not the file, not the index, not a ref, no worktree.
    expect(gitState(p.root)).toBe(state);
    expect(p.read('rules/api.yml')).toBe(`${RULES.replace(...MOVE_DOWN)}${NEW_RULE}`);

    // A folder, named from a sub-folder of the repository, against a branch name: same answer.
    git(p.root, 'branch', 'base');
    const sub = await runObsBinary(`${p.root}/rules`, ['lint', '.', '--new-since', 'base', '--format', 'json']);
    expect(problems(sub.stdout).map((d) => [d.checkId, d.location?.file, d.location?.line])).toEqual([['alerts/template-labels', 'api.yml', 15]]);

    // Once committed, nothing is new.
    git(p.root, 'commit', '-q', '-am', 'after');
    const none = await runObsBinary(p.root, ['lint', 'rules/', '--new-since', 'HEAD']);
    expect([none.code, none.stderr]).toEqual([0, expect.stringContaining('3 problem(s) already present at HEAD')]);
  });

  it('a second problem alike is new, and a file that did not exist at the ref is new as a whole', async () => {
    const p = repo({ 'rules/api.yml': RULES });
    // The same message twice: the ref had it once.
    p.write('rules/api.yml', RULES.replace('      - alert: ApiTop', '      - alert: ApiTop\n        expr: topk(3, rate(http_requests_total[5m])) > 100\n        labels: { copy: "1" }\n      - alert: ApiTop2'));
    p.write('rules/new.yml', RULES.replace('name: api', 'name: web').replaceAll('alert: Api', 'alert: Web'));
    const r = await runObsBinary(p.root, ['lint', 'rules', '--new-since', 'HEAD', '--format', 'json']);
    const fresh = problems(r.stdout).map((d) => `${d.checkId} ${d.location?.file}`);
    expect(fresh).toEqual(['alerts/topk rules/api.yml', 'alerts/template-labels rules/new.yml', 'alerts/topk rules/new.yml']);
  });

  it('the TS project: the definitions as they were at the ref are built and subtracted', async () => {
    const alerts = (rules: string): string => `import { alert, ruleGroup } from '../dsl/index.ts';\nexport const api = ruleGroup({ name: 'api', rules: [\n${rules}] });\n`;
    const broken = `  alert({ name: 'ApiBroken', expr: 'rate(x[5m]) > bogus()', labels: { severity: 'page' } }),\n`;
    const p = repo({ 'alerts/api.ts': alerts(broken) });
    // The dsl symlink of the fixture is committed like any file: the ref's definitions import it.
    p.write('alerts/api.ts', alerts(`  alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'page' } }),\n${broken}  alert({ name: 'ApiWorse', expr: 'rate(y[5m]) > nope()', labels: { severity: 'page' } }),\n`));
    const state = gitState(p.root);
    const r = await runObsBinary(p.root, ['lint', '--new-since', 'HEAD', '--format', 'json']);
    const fresh = problems(r.stdout);
    expect(fresh.map((d) => [d.checkId, d.location?.file])).toEqual([['promql/syntax', 'alerts/api.ts']]);
    expect(fresh[0]?.message).toContain('nope');
    expect(r.stderr).toContain('1 problem(s) already present at HEAD');
    expect(gitState(p.root)).toBe(state);
  });

  it('a renamed or moved file keeps its problems: git rename detection maps the old path to the new one', async () => {
    const p = repo({ 'rules/api.yml': RULES, 'alerts/api.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\nexport const api = ruleGroup({ name: 'api', rules: [\n  alert({ name: 'ApiBroken', expr: 'rate(x[5m]) > bogus()', labels: { severity: 'page' } }),\n] });\n` });
    // Renamed with git mv and edited (a known problem moved down, one new problem): only the new one is new.
    mkdirSync(`${p.root}/rules/payments`);
    git(p.root, 'mv', 'rules/api.yml', 'rules/payments/api.yml');
    p.write('rules/payments/api.yml', `${RULES.replace(...MOVE_DOWN)}${NEW_RULE}`);
    const state = gitState(p.root);
    const file = await runObsBinary(p.root, ['lint', 'rules/payments/api.yml', '--new-since', 'HEAD', '--format', 'json']);
    expect(problems(file.stdout).map((d) => [d.checkId, d.location?.file, d.location?.line])).toEqual([['alerts/template-labels', 'rules/payments/api.yml', 15]]);
    expect(file.stderr).toContain('2 problem(s) already present at HEAD');
    // Named by its folder: the file moved into it from elsewhere counts too.
    const folder = await runObsBinary(p.root, ['lint', 'rules/payments', '--new-since', 'HEAD', '--format', 'json']);
    expect(problems(folder.stdout).map((d) => [d.checkId, d.location?.file, d.location?.line])).toEqual([['alerts/template-labels', 'rules/payments/api.yml', 15]]);
    // The repository's index, refs and files are as they were (the rename staged by git mv included).
    expect(gitState(p.root)).toBe(state);

    // Moved without git (not staged, the new path untracked), a TS module too: still the same problems.
    git(p.root, 'commit', '-q', '-am', 'moved');
    execFileSync('mv', [`${p.root}/rules/payments/api.yml`, `${p.root}/rules/api-v2.yml`]);
    execFileSync('mv', [`${p.root}/alerts/api.ts`, `${p.root}/alerts/api-alerts.ts`]);
    const untracked = gitState(p.root);
    const plain = await runObsBinary(p.root, ['lint', 'rules/api-v2.yml', '--new-since', 'HEAD']);
    expect([plain.code, plain.stderr]).toEqual([0, expect.stringContaining('3 problem(s) already present at HEAD')]);
    const ts = await runObsBinary(p.root, ['lint', '--new-since', 'HEAD', '--format', 'json']);
    expect(problems(ts.stdout).map((d) => [d.checkId, d.location?.file])).toEqual([]);
    expect(ts.stderr).toContain('1 problem(s) already present at HEAD');
    expect(gitState(p.root)).toBe(untracked);
  });

  it('a ref that is not one, or no repository: a usage error naming it', async () => {
    const p = repo({ 'rules/api.yml': RULES });
    const bad = await runObsBinary(p.root, ['lint', 'rules', '--new-since', 'no-such-branch']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--new-since no-such-branch: no such commit, branch or tag')]);
    const both = await runObsBinary(p.root, ['lint', 'rules', '--new-since', 'HEAD', '--write-baseline', 'b.json']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('not both')]);
    const plain = createFixtureProject({ files: { 'r.yml': RULES } });
    try {
      mkdirSync(`${plain.root}/x`);
      const none = await runObsBinary(plain.root, ['lint', 'r.yml', '--new-since', 'HEAD'], { GIT_CEILING_DIRECTORIES: plain.root.replace(/\/[^/]+$/, '') });
      expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('needs a git repository')]);
    } finally {
      plain.cleanup();
    }
  });
});
