/** `obs diff` end to end in a git repository: the PR-comment markdown, text, json and exit codes. */
import { afterEach, describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';
import { createGitFixture, type GitFixture } from '../diff/git-fixture.ts';
import { dashboardJson, ruleFile } from '../diff/fixtures.ts';

let repo: GitFixture | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const DOWN = { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '2m', labels: { severity: 'page' } };
const ERRORS = { alert: 'ApiErrors', expr: 'sum(rate(errors_total[5m]))\n/\nsum(rate(requests_total[5m])) > 0.05', for: '10m', labels: { severity: 'page' } };

function project(): GitFixture {
  repo = createGitFixture();
  repo.write({
    'out/rules/alerts/api.yml': ruleFile([{ name: 'api.alerts', rules: [DOWN, ERRORS] }]),
    'out/dashboards/web/api.json': dashboardJson({ uid: 'api', title: 'API', panels: [{ id: 1, title: 'Errors', exprs: ['sum(rate(errors_total[5m]))'], unit: 'short' }] }),
  });
  repo.commit('base');
  repo.write({
    'out/rules/alerts/api.yml': ruleFile([{ name: 'api.alerts', rules: [
      { ...DOWN, for: '5m', labels: { severity: 'ticket' } },
      { ...ERRORS, expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.1' },
      { alert: 'ApiSlow', expr: 'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 1 or on() vector(0) | 0', labels: { severity: 'page' } },
    ] }]),
    'out/dashboards/web/api.json': dashboardJson({ uid: 'api', title: 'API', panels: [{ id: 1, title: 'Errors', exprs: ['sum by (code) (rate(errors_total[5m]))'], unit: 'percent' }] }),
  });
  return repo;
}

describe('obs diff', () => {
  it('prints a PR comment: summary line, then rules and dashboards sections', async () => {
    const r = await runObs(['diff'], { cwd: project().root });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/commit [0-9a-f]{12}/, 'commit C')).toBe(`### obs diff: \`HEAD\` → working tree

**2 alerts changed, 1 added; 1 rule group changed; 1 dashboard changed; 1 panel changed (impact: 4 behaviour)**

> compared: out/ in the working tree (uncommitted changes in 2 files) with out/ at HEAD (commit C)

#### Rules

**\`api.alerts\`** in \`rules/alerts/api.yml\`

| | rule | what changed | impact |
|---|---|---|---|
| ~ | alert \`ApiDown\` | for: \`2m\` → \`5m\`; labels.severity: \`page\` → \`ticket\` | behaviour |
| ~ | alert \`ApiErrors\` | expr: threshold \`> 0.05\` → \`> 0.1\` | behaviour |
| + | alert \`ApiSlow\` | added | behaviour |

#### Dashboards

**\`API\`** \`dashboards/web/api.json\`

| | panel / row / variable | what changed | impact |
|---|---|---|---|
| ~ | panel \`Errors\` | query A changed; unit: \`short\` → \`percent\` | behaviour |

<details><summary>Expressions</summary>

\`Errors\` query A:

\`\`\`diff
- sum(rate(errors_total[5m]))
+ sum by (code) (rate(errors_total[5m]))
\`\`\`

</details>
`);
  });

  it('prints text and a versioned json document', async () => {
    const root = project().root;
    const text = await runObs(['diff', '--format', 'text'], { cwd: root });
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'obs diff HEAD → working tree: 2 alerts changed, 1 added; 1 rule group changed; 1 dashboard changed; 1 panel changed (impact: 4 behaviour)',
      expect.stringMatching(/^note: compared: out\/ in the working tree \(uncommitted changes in 2 files\) with out\/ at HEAD \(commit [0-9a-f]{12}\)$/),
      '~ rule group api.alerts (rules/alerts/api.yml): changed [behaviour]',
      '  ~ alert ApiDown: for: 2m → 5m; labels.severity: page → ticket [behaviour]',
    ]);
    const json = JSON.parse((await runObs(['diff', '--format', 'json', '--base', 'HEAD'], { cwd: root })).stdout) as { version: number; summary: unknown };
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ counts: { 'rule-group': { changed: 1 }, alert: { changed: 2, added: 1 }, dashboard: { changed: 1 }, panel: { changed: 1 } }, impact: { identity: 0, behaviour: 4, presentation: 0 } });
  });

  it('says so when nothing changed, and exits 2 on a bad ref or format', async () => {
    const root = project().root;
    const same = await runObs(['diff', '--base', 'HEAD', '--format', 'text'], { cwd: root });
    expect(same.code).toBe(0);
    const clean = createGitFixture();
    try {
      clean.write({ 'out/rules/a.yml': ruleFile([{ name: 'g', rules: [DOWN] }]) });
      clean.commit('x');
      expect((await runObs(['diff'], { cwd: clean.root })).stdout).toContain('**no semantic changes**');
    } finally {
      clean.cleanup();
    }
    const bad = await runObs(['diff', '--base', 'nope'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^obs diff: .*nope/);
    expect((await runObs(['diff', '--format', 'html'], { cwd: root })).code).toBe(2);
  });
});
