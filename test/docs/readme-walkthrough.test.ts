/**
 * The README's five-minute walkthrough, run as written: its files are written into a fresh project
 * (this repository's package.json, obs.config.ts and the registry of Prometheus's own series, its
 * library linked, none of the teams' definitions, so other folders changing cannot break it) whose `main` branch holds the built empty
 * project, then every command of its `sh` block runs in a shell there and must succeed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownSections } from '../helpers/check-pages.ts';
import { REPO_ROOT } from '../helpers/fixture-project.ts';
import { promtoolSkipReason } from '../helpers/promtool.ts';

const SECTION = 'Five minutes: add a service';
/** What a new service's files rely on in this repository besides the library. */
const SHARED = ['package.json', 'obs.config.ts', 'registry/prometheus-scrape.ts'];
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const walkthrough = markdownSections(readme).sections.get(SECTION);
const skip = promtoolSkipReason();

const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-walkthrough-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const env = { ...process.env, NO_COLOR: '1', CI: '1', GIT_AUTHOR_NAME: 'obs', GIT_AUTHOR_EMAIL: 'obs@example.com', GIT_COMMITTER_NAME: 'obs', GIT_COMMITTER_EMAIL: 'obs@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });

describe('README walkthrough', () => {
  it('README.md stays a front door: at most 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  it('has its section, four files (registry, alert with a test, SLO, dashboard) and the build, test and diff commands', () => {
    expect(walkthrough, `README.md has a "## ${SECTION}" section`).toBeDefined();
    expect(walkthrough?.files.map((f) => f.path.split('/')[0])).toEqual(['registry', 'alerts', 'slos', 'dashboards']);
    expect(walkthrough?.files[1]?.text).toContain('ruleTest(');
    expect(walkthrough?.commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['npm run build:obs', 'npx obs test', 'npx obs diff']);
  });

  it.skipIf(skip !== undefined)('every command works in a fresh project, and the diff names what was added', () => {
    mkdirSync(join(root, 'registry'));
    for (const f of SHARED) cpSync(join(REPO_ROOT, f), join(root, f));
    for (const d of ['bin', 'dsl', 'node_modules']) symlinkSync(join(REPO_ROOT, d), join(root, d), 'dir');
    writeFileSync(join(root, '.gitignore'), '/bin\n/dsl\n/node_modules\n');
    // The base the walkthrough diffs against: the project before the service, built and committed.
    execFileSync(process.execPath, ['bin/obs.js', 'build'], { cwd: root, env, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'before the service');

    for (const f of walkthrough?.files ?? []) {
      mkdirSync(dirname(join(root, f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.text);
    }
    const outputs: string[] = [];
    for (const command of walkthrough?.commands ?? []) {
      const r = spawnSync('sh', ['-c', command], { cwd: root, env, encoding: 'utf8', timeout: 240_000 });
      expect(r.status, `${command}\n${r.stdout}\n${r.stderr}`).toBe(0);
      outputs.push(r.stdout);
    }
    const [build, test, diff] = outputs;
    expect(build).toContain('problems  0 errors, 0 warnings, 0 info');
    expect(readdirSync(join(root, 'out', 'rules')).sort()).toEqual(expect.arrayContaining(['alerts', 'slos']));
    // The alert's own test and the SLO's generated ones ran and passed.
    const ran = /(\d+) test\(s\) in \d+ file\(s\): (\d+) passed, 0 failed/.exec(test ?? '');
    expect(ran?.[1], test).toBe(ran?.[2]);
    expect(Number(ran?.[1])).toBeGreaterThan(1);
    expect(diff).toContain('**1 SLO added; 1 alert added; 1 rule group added; 2 dashboards added;');
    expect(diff).toContain('SLO `inventory availability` added');
    expect(diff).toContain('| + | alert `InventoryDown` | added | behaviour |');
    expect(diff).toContain('**`Inventory`** `dashboards/inventory/inventory-overview.json` (3 panels) — new dashboard');
    expect(diff).toContain('`tests/alerts/inventory.test.yml` added');
  }, 300_000);
});
