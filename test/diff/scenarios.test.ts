/**
 * `obs diff` on this repository's own definitions, in a real git repository made in a temp dir:
 * the definitions are copied and committed with their built out/, then edited as a reviewer's pull
 * request would (a panel inserted at the top, an SLO objective raised, panels renamed and swapped),
 * rebuilt with the real `obs build`, and diffed with the real `obs` binary. The summary lines are
 * pinned exactly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary } from '../helpers/fixture-project.ts';
import { git, outputLines, scenarioSuite } from './scenario-project.ts';

const suite = scenarioSuite('obs-diff-scenario-', ['registry', 'dashboards', 'slos', 'alerts', 'recording', 'obs.config.ts']);
const scenario = suite.scenario;
const lines = outputLines;

describe('obs diff on this repository\'s definitions', () => {
  it('a panel inserted at the top of checkout-api is one addition, nothing else', async () => {
    const r = await scenario([['dashboards/checkout/checkout-api.ts', '  panels: [\n    text({',
      '  panels: [\n    stat({ title: \'Orders per second\', unit: \'reqps\', queries: [prometheusQuery({ expr: \'sum(rate(http_requests_total{job=~"$job"}[$__rate_interval]))\' })] }),\n    text({']]);
    expect(r.code).toBe(0);
    expect(lines(r)).toEqual([
      'obs diff HEAD → working tree: 1 dashboard changed; 1 panel added (impact: 1 presentation)',
      'note: compared: out/ in the working tree (uncommitted changes in 2 files) with out/ at HEAD (commit C)',
      '~ dashboard Checkout API (dashboards/checkout/checkout-api.json): changed [presentation]',
      '  + panel Orders per second: added [presentation]',
    ]);
  }, 120_000);

  it('an SLO objective 99.9 → 99.95 is one SLO change naming the burn-rate thresholds, its artefacts under it', async () => {
    const r = await scenario([['slos/checkout-api.ts', 'objective: 99.9,', 'objective: 99.95,']]);
    expect(lines(r).slice(0, 3)).toEqual([
      'obs diff HEAD → working tree: 1 SLO changed; 1 dashboard changed (impact: 1 behaviour, 1 presentation)',
      'note: compared: out/ in the working tree (uncommitted changes in 5 files) with out/ at HEAD (commit C)',
      '~ SLO checkout-api availability objective 99.9 % → 99.95 %: burn-rate thresholds of 2 alerts tightened (14.4×: 0.0144 → 0.0072, 6×: 0.006 → 0.003, 3×: 0.003 → 0.0015, 1×: 0.001 → 0.0005) [behaviour]',
    ]);
    const text = lines(r);
    // The generated rules, the SLO's row of its dashboard and its promtool tests are indented under the SLO.
    const sloBlock = text.slice(3, text.findIndex((l, i) => i > 3 && !l.startsWith(' ')));
    expect(sloBlock.filter((l) => /^ {2}\S/.test(l))).toEqual([
      '  ~ rule group checkout-api.availability.budget (rules/slos/checkout-api.yml): changed [behaviour]',
      '  ~ rule group checkout-api.availability.slo (rules/slos/checkout-api.yml): changed [behaviour]',
      '  ~ other file tests/slos/checkout-api.eval-1h.test.yml: changed [presentation]',
      '  ~ other file tests/slos/checkout-api.test.yml: changed [presentation]',
      '  ~ dashboard checkout-api SLOs (dashboards/slos/slo-checkout-api.json): changed [behaviour]',
    ]);
    // No panel "moved" whose position did not change; equal texts are not shown; backticks pair up in markdown.
    expect(text.join('\n')).not.toMatch(/moved|gridPos/);
    expect(text).toContain('    ~ alert CheckoutApiAvailabilityErrorBudgetBurn: expr: threshold > 0.0144 → > 0.0072 (×2); threshold > 0.006 → > 0.003 (×2); annotations.description: …in 2d2h. Objective 99.9% over 30d (budget 0.1%), SLI: bad events / all… → …in 2d2h. Objective 99.95% over 30d (budget 0.05%), SLI: bad events / all… [behaviour]');
    expect(text).toContain('    ~ panel Burn rate per alert window: queries A, B, C, D, E, F, G: 0.001 → 0.0005; description: …divided by the budget (0.001). page when 1h and 5m exceed… → …divided by the budget (0.0005). page when 1h and 5m exceed… [behaviour]');
    expect(text.at(-1)).toBe('~ dashboard checkout-api SLOs (dashboards/slos/slo-checkout-api.json): description: …checkout-api: availability (99.9% over 30d), latency (99%… → …checkout-api: availability (99.95% over 30d), latency (99%… [presentation]');
  }, 120_000);

  it('a panel renamed over the same queries is a rename; two panels swapped are one move', async () => {
    const r = await scenario([
      ['dashboards/checkout/checkout-api.ts', "title: 'Busiest routes',", "title: 'Busiest routes (top 10)',"],
      ['dashboards/checkout/checkout-api.ts', "      title: 'Request rate',\n      description: 'Requests per second handled by the selected instances.',\n      unit: 'reqps', graphMode: 'area',\n      queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval]))', legend: 'requests' })],\n    }),\n    gaugePanel({",
        "      title: 'Request rate',\n      description: 'Requests per second handled by the selected instances.',\n      unit: 'reqps', graphMode: 'area', width: 6, position: { x: 0, y: 2 },\n      queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval]))', legend: 'requests' })],\n    }),\n    gaugePanel({"],
    ]);
    // Two panels swapped: the fewest moves that explain the new order (one panel moved past the other).
    expect(lines(r)[0]).toBe('obs diff HEAD → working tree: 1 dashboard changed; 1 panel renamed, 1 moved (impact: 2 presentation)');
    expect(lines(r).slice(3).sort()).toEqual([
      '  > panel Busiest routes (top 10): renamed from Busiest routes [presentation]',
      '  ^ panel Availability: moved; gridPos: x=0 y=2 w=6 h=4 → x=6 y=2 w=6 h=4 [presentation]',
    ].sort());
  }, 120_000);

  it('links each changed dashboard to its preview page', async () => {
    const r = await scenario([['slos/checkout-api.ts', 'objective: 99.9,', 'objective: 99.95,']], 'markdown', ['--preview-url', 'https://ci.example.com/run/7/preview/']);
    expect(r.stdout).toContain('Preview of the changed dashboards: https://ci.example.com/run/7/preview/index.html');
    expect(r.stdout).toContain('**`checkout-api SLOs`** `dashboards/slos/slo-checkout-api.json` ([preview](https://ci.example.com/run/7/preview/dashboards/slo-checkout-api.html)) — description:');
  }, 120_000);
});

describe('obs diff errors', () => {
  it('a bad ref: exit 2, what is wrong and how to fix it, no git command line', async () => {
    const r = await runObsBinary(suite.project().root, ['diff', '--base', 'nosuchref']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('obs diff: --base nosuchref: no such branch, tag or commit in this repository (for a remote branch fetch it first and name it origin/<branch>)\n');
    const option = await runObsBinary(suite.project().root, ['diff', '--base=--output=x']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('obs diff: --base "--output=x" is not a git ref (a branch, tag or commit, e.g. origin/main)\n');
  }, 60_000);

  it('a shallow clone that lacks the ref says so and how to fetch it', async () => {
    const clone = realpathSync(mkdtempSync(join(tmpdir(), 'obs-diff-shallow-')));
    try {
      suite.project().write('README.md', 'second commit\n');
      git(suite.project().root, 'add', '-A');
      git(suite.project().root, 'commit', '-q', '-m', 'second');
      git(clone, 'clone', '-q', '--depth', '1', `file://${suite.project().root}`, 'repo');
      const root = join(clone, 'repo');
      execFileSync('ln', ['-s', join(suite.project().root, 'node_modules'), join(root, 'node_modules')]);
      execFileSync('ln', ['-s', join(suite.project().root, 'dsl'), join(root, 'dsl')]);
      const r = await runObsBinary(root, ['diff', '--base', 'HEAD~1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('obs diff: --base HEAD~1: not in this shallow clone (it holds only the latest commits). Fetch it first, e.g. `git fetch --no-tags origin main` or `git fetch --deepen=100`; in GitHub Actions use actions/checkout with fetch-depth: 0\n');
      const ok = await runObsBinary(root, ['diff', '--base', 'HEAD', '--format', 'text']);
      expect(ok.stdout).toMatch(/^obs diff HEAD → working tree: no semantic changes\nnote: the working tree is HEAD with no uncommitted changes, so nothing differs: pass the branch to compare with, e.g. --base origin\/main\n$/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 60_000);

  it('outside a git repository: exit 2 and why', async () => {
    const dir = createFixtureProject({ prefix: 'obs-diff-nogit-' });
    try {
      const r = await runObsBinary(dir.root, ['diff']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^obs diff: \S+ is not in a git repository: obs diff compares out\/ with out\/ as committed at a ref, so run it inside the repository \(.*\)\n$/);
      expect(r.stderr).not.toMatch(/rev-parse|at Object|\n {4}at /);
    } finally {
      dir.cleanup();
    }
  }, 60_000);
});
