/**
 * obs lint on dashboard JSON reads the variables by type: a custom/constant variable's values give
 * its placeholder (a number for `topk($topk, ...)`), and queries on a data source variable of
 * another type (Loki) are not PromQL. The dashboard follows the shape of public Kubernetes
 * dashboards that pick the top N and show the pod's logs beside its metrics.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';

const DASHBOARD = (topk: string): string => JSON.stringify({
  title: 'Top pods',
  templating: { list: [
    { name: 'topk', type: 'custom', query: topk, options: [] },
    { name: 'logs', type: 'datasource', query: 'loki' },
    { name: 'prom', type: 'datasource', query: 'prometheus' },
    { name: 'step', type: 'interval', query: '1m,5m' },
  ] },
  panels: [
    { id: 1, title: 'Top CPU', type: 'timeseries', datasource: { uid: '${prom}' },
      targets: [{ refId: 'A', expr: 'topk($topk, sum by (pod) (rate(container_cpu_usage_seconds_total[$step])))' }] },
    { id: 2, title: 'Errors in logs', type: 'logs', datasource: '$logs', targets: [{ refId: 'A', expr: '{app="api"} |= "error" | json' }] },
    { id: 3, title: 'Broken', type: 'timeseries', datasource: '${prom}', targets: [{ refId: 'A', expr: 'sum(rate(x[5m])' }] },
  ],
}, null, 2);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function lintJson(text: string): Promise<{ checkId: string; message: string }[]> {
  const root = mkdtempSync(join(tmpdir(), 'obs-dash-vars-'));
  dirs.push(root);
  writeFileSync(join(root, 'dash.json'), text);
  const r = await runObs(['lint', 'dash.json', '--format', 'json'], { cwd: root });
  return (JSON.parse(r.stdout) as { problems: { checkId: string; message: string }[] }).problems;
}

describe('obs lint dashboard JSON: variables by type', () => {
  it('uses a custom variable\'s numeric values and skips Loki queries, still checking the Prometheus ones', async () => {
    const problems = await lintJson(DASHBOARD('5,10,15'));
    expect(problems.map((p) => p.message)).toEqual(['unclosed left parenthesis (in panel "Broken" (id 3), query A)']);
  });

  it('a custom variable of label values stays a name: topk($topk, ...) is then refused', async () => {
    const problems = await lintJson(DASHBOARD('api,web'));
    expect(problems.map((p) => p.message)).toContain('expected type scalar in aggregation parameter, got instant vector (in panel "Top CPU" (id 1), query A)');
  });
});
