/** `obs preview` as a command: what it writes, and clear one-line errors (exit 2) for bad input, never a lost file. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';
import { freeLoopbackPort } from '../helpers/prometheus.ts';
import { createGitFixture, type GitFixture } from '../diff/git-fixture.ts';
import { json, ruleYaml, showcaseDashboard } from '../preview/fixtures.ts';

let repo: GitFixture | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function project(): GitFixture {
  repo = createGitFixture();
  repo.write({
    'out/dashboards/demo/showcase.json': json(showcaseDashboard()),
    'out/dashboards/demo/broken.json': '{ "panels": [',
    'out/rules/alerts/demo.yml': ruleYaml([{ alert: 'TargetDown', expr: 'up == 0', for: '5m' }]),
  });
  repo.commit('base');
  return repo;
}

describe('obs preview', () => {
  it('writes index.html and dashboards/<uid>.html, naming files it could not read', async () => {
    const root = project().root;
    const r = await runObs(['preview', '--out', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`obs preview: wrote ${join(root, 'site')}/index.html and 1 dashboard page(s) (no --prometheus: placeholders, no data)\n`);
    expect(r.stderr).toBe('obs preview: skipped dashboards/demo/broken.json: not dashboard JSON with panels\n');
    expect(readdirSync(join(root, 'site')).sort()).toEqual(['.obs-generated', 'dashboards', 'index.html']);
    expect(readdirSync(join(root, 'site', 'dashboards'))).toEqual(['showcase.html']);
    const index = readFileSync(join(root, 'site', 'index.html'), 'utf8');
    expect(index).toContain('Run with --base REF to review the alerts a change adds or alters.');
  });

  it('replaces its own earlier output: a dashboard gone from out/ loses its page', async () => {
    const p = project();
    expect((await runObs(['preview', '--out', 'site'], { cwd: p.root })).code).toBe(0);
    p.write({ 'out/dashboards/demo/showcase.json': null, 'out/dashboards/demo/other.json': json(showcaseDashboard({ uid: 'other' })) });
    expect((await runObs(['preview', '--out', 'site'], { cwd: p.root })).code).toBe(0);
    expect(readdirSync(join(p.root, 'site', 'dashboards'))).toEqual(['other.html']);
  });

  it('marks dashboards changed against --base, with added and removed ones', async () => {
    const p = project();
    p.write({
      'out/dashboards/demo/showcase.json': json(showcaseDashboard({ rateThreshold: 1 })),
      'out/dashboards/demo/new.json': json(showcaseDashboard({ uid: 'new', title: 'New' })),
    });
    p.commit('second');
    p.write({ 'out/dashboards/demo/new.json': null, 'out/dashboards/demo/showcase.json': json(showcaseDashboard({ rateThreshold: 3 })) });
    const r = await runObs(['preview', '--out', 'site', '--base', 'HEAD~1'], { cwd: p.root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 changed against HEAD~1, 0 alert(s) in review'); // showcase; new.json is gone again
    const r2 = await runObs(['preview', '--out', 'site', '--base', 'HEAD'], { cwd: p.root });
    expect(r2.stdout).toContain('2 changed against HEAD');
    const index = readFileSync(join(p.root, 'site', 'index.html'), 'utf8');
    expect(index).toMatch(/data-uid="new" data-status="removed"/);
    expect(index).toMatch(/data-uid="showcase" data-status="changed"/);
    expect(readFileSync(join(p.root, 'site', 'dashboards', 'new.html'), 'utf8')).toContain('This dashboard does not exist on this side.');
  });

  it.each([
    [['--base', 'nosuchref'], /nosuchref/],
    [['--prometheus', 'not a url'], /^obs preview: --prometheus "not a url" is not a URL \(expected e\.g\. http:\/\/127\.0\.0\.1:9090\)\n$/],
    [['--prometheus', 'ftp://127.0.0.1/'], /only http and https URLs are supported/],
    [['--alert-window', 'a week'], /^obs preview: --alert-window "a week" is not a duration \(e\.g\. 7d, 12h, 30s\)\n$/],
    [['--out', '.'], /^obs preview: --out \. would replace the project folder; choose a folder of its own, e\.g\. --out preview\n$/],
    [['--out', 'out/site'], /^obs preview: --out out\/site would replace out\/; choose a folder of its own/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j: a one-line error, exit 2', async (args, message) => {
    const root = project().root;
    const r = await runObs(['preview', ...args], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').length).toBe(2);
    expect(existsSync(join(root, 'preview'))).toBe(false);
  });

  it('says to build first when there is no out/, instead of an empty preview', async () => {
    repo = createGitFixture();
    repo.write({ 'README.md': 'x\n' });
    const r = await runObs(['preview'], { cwd: repo.root });
    expect([r.code, r.stderr]).toEqual([2, 'obs preview: out/ does not exist: run obs build first, then obs preview\n']);
    expect(existsSync(join(repo.root, 'preview'))).toBe(false);
  });

  it('says when the Prometheus cannot be reached, before writing anything', async () => {
    const root = project().root;
    const port = await freeLoopbackPort();
    const r = await runObs(['preview', '--prometheus', `http://127.0.0.1:${port}`], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`obs preview: cannot reach Prometheus at http://127.0.0.1:${port} (ECONNREFUSED) for query 1\n`);
    expect(existsSync(join(root, 'preview'))).toBe(false);
  });

  it('refuses a folder holding other files, and leaves them alone', async () => {
    const root = project().root;
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'notes.md'), 'mine');
    const r = await runObs(['preview', '--out', 'docs'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('obs preview: --out docs: the folder holds files that are not an obs preview (notes.md); obs preview replaces its folder, so give it an empty or new one\n');
    expect(readdirSync(join(root, 'docs'))).toEqual(['notes.md']);
  });
});
