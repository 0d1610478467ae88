/**
 * A large synthetic obs project for the project benchmark: rule modules as teams write them
 * (alerts with labels, templated annotations and `for`, recording rules, multi-line expressions),
 * and the same rules as one plain Prometheus rule file for `obs lint` vs `promtool check rules`.
 * Dashboards (timeseries panels with Grafana variables) and SLOs are generated when their DSLs are
 * exported by dsl/index.ts; otherwise the generator says it skipped them.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableYaml } from '../../dsl/core/stable-yaml.ts';

export interface SyntheticOptions {
  readonly modules: number;
  readonly groupsPerModule: number;
  readonly rulesPerGroup: number;
  /** Dashboards, in modules of 10, each with `panelsPerDashboard` panels. */
  readonly dashboards: number;
  readonly panelsPerDashboard: number;
  /** SLOs, in modules of 10. */
  readonly slos: number;
  /** A registry per rule module (its services' metrics) and the scrape registry, as a team keeps them. */
  readonly registries: boolean;
}

export const FULL: SyntheticOptions = {
  modules: 50,
  groupsPerModule: 4,
  rulesPerGroup: 100,
  dashboards: 1000,
  panelsPerDashboard: 10,
  slos: 200,
  registries: true,
};

interface RuleData {
  readonly kind: 'alert' | 'record';
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

interface GroupData {
  readonly name: string;
  readonly interval?: string;
  readonly rules: RuleData[];
}

const WINDOWS = ['1m', '5m', '10m', '30m', '1h'];
const CODES = ['5..', '4..', '429', '503'];

/**
 * Every rule's expression is distinct, as in a real rule file (this repository's seed systems repeat
 * 10 % of their expressions): the window does not follow the rule's kind, and each rule reads its own
 * endpoint (`handler`) or instance. Until 2026-11-26 20:00 UTC only 2,400 of the 20,000 were distinct.
 */
function ruleAt(m: number, g: number, r: number): RuleData {
  const svc = `svc${m}_${g}`;
  const w = WINDOWS[Math.floor(r / 5) % WINDOWS.length] as string;
  const job = `${svc}-api`;
  const handler = `/api/v1/${svc}/h${r}`;
  switch (r % 5) {
    case 0:
      return {
        kind: 'record',
        name: `job:${svc}_requests_${r}:rate${w}`,
        expr: `sum by (job, instance) (rate(${svc}_http_requests_total{job="${job}", handler="${handler}"}[${w}]))`,
      };
    case 1:
      return {
        kind: 'record',
        name: `job:${svc}_errors_${r}:ratio_rate${w}`,
        expr: `sum by (job) (rate(${svc}_http_requests_total{job="${job}", handler="${handler}", code=~"${CODES[r % CODES.length]}"}[${w}]))\n/\nsum by (job) (rate(${svc}_http_requests_total{job="${job}", handler="${handler}"}[${w}]))`,
      };
    case 2:
      return {
        kind: 'alert',
        name: `Svc${m}x${g}HighErrorRate${r}`,
        expr: `sum by (job) (rate(${svc}_http_requests_total{job="${job}", handler="${handler}", code=~"5.."}[${w}]))\n  / sum by (job) (rate(${svc}_http_requests_total{job="${job}", handler="${handler}"}[${w}]))\n  > ${(r % 10) / 100 + 0.01}`,
        for: '10m',
        labels: { severity: 'page', team: `team-${m % 7}` },
        annotations: {
          summary: `{{ $labels.job }} errors at {{ $value | humanizePercentage }}`,
          runbook_url: `https://runbooks.example.com/${svc}/errors`,
        },
      };
    case 3:
      return {
        kind: 'alert',
        name: `Svc${m}x${g}HighLatency${r}`,
        expr: `histogram_quantile(0.99, sum by (job, le) (rate(${svc}_http_request_duration_seconds_bucket{job="${job}", handler="${handler}"}[${w}]))) > ${1 + (r % 4)}`,
        for: '15m',
        labels: { severity: 'ticket', team: `team-${m % 7}` },
        annotations: { summary: `p99 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}` },
      };
    default: {
      const instance = `${svc}-${Math.floor(r / 5)}:8080`;
      return {
        kind: 'alert',
        name: `Svc${m}x${g}Down${r}`,
        expr: `up{job="${job}", instance="${instance}"} == 0 or absent(up{job="${job}", instance="${instance}"})`,
        for: '5m',
        labels: { severity: 'page', team: `team-${m % 7}` },
        annotations: { summary: `{{ $labels.instance }} of ${job} is down` },
      };
    }
  }
}

export function syntheticGroups(opts: SyntheticOptions): GroupData[][] {
  const modules: GroupData[][] = [];
  for (let m = 0; m < opts.modules; m++) {
    const groups: GroupData[] = [];
    for (let g = 0; g < opts.groupsPerModule; g++) {
      const rules: RuleData[] = [];
      for (let r = 0; r < opts.rulesPerGroup; r++) rules.push(ruleAt(m, g, r));
      groups.push({ name: `svc${m}-${g}.rules`, ...(g % 2 ? { interval: '30s' } : {}), rules });
    }
    modules.push(groups);
  }
  return modules;
}

const lit = (s: string): string => JSON.stringify(s);

function ruleSource(r: RuleData): string {
  const expr = r.expr.includes('\n')
    ? `promql\`\n${r.expr
        .split('\n')
        .map((l) => `        ${l}`)
        .join('\n')}\``
    : lit(r.expr);
  const fields = [`name: ${lit(r.name)}`, `expr: ${expr}`];
  if (r.for) fields.push(`for: ${lit(r.for)}`);
  if (r.labels) fields.push(`labels: ${JSON.stringify(r.labels)}`);
  if (r.annotations) fields.push(`annotations: ${JSON.stringify(r.annotations)}`);
  return `    ${r.kind}({\n      ${fields.join(',\n      ')},\n    }),`;
}

function moduleSource(groups: readonly GroupData[]): string {
  const body = groups.map(
    (g, i) =>
      `export const group${i} = ruleGroup({\n  name: ${lit(g.name)},${g.interval ? `\n  interval: ${lit(g.interval)},` : ''}\n  rules: [\n${g.rules.map(ruleSource).join('\n')}\n  ],\n});\n`,
  );
  return `import { alert, promql, record, ruleGroup } from '../dsl/index.ts';\n\n${body.join('\n')}`;
}

function groupYaml(g: GroupData): Record<string, unknown> {
  return {
    name: g.name,
    ...(g.interval ? { interval: g.interval } : {}),
    rules: g.rules.map((r) => ({
      [r.kind]: r.name,
      expr: r.expr,
      ...(r.for ? { for: r.for } : {}),
      ...(r.labels ? { labels: r.labels } : {}),
      ...(r.annotations ? { annotations: r.annotations } : {}),
    })),
  };
}

function dashboardModule(first: number, count: number, panels: number): string {
  const boards: string[] = [];
  for (let d = first; d < first + count; d++) {
    // Each of the 200 services has 5 dashboards, each panel its own endpoint: every query is distinct.
    const svc = `svc${d % 50}_${Math.floor(d / 50) % 4}`;
    const ps: string[] = [];
    for (let k = 0; k < panels; k++) {
      const w = WINDOWS[k % WINDOWS.length] as string;
      const handler = `/api/v${Math.floor(d / 200)}/${svc}/p${k}`;
      ps.push(
        k % 2
          ? `    timeseries({ title: ${lit(`Errors ${k}`)}, description: 'Errors per second.', unit: 'reqps', queries: [${lit(`sum by (code) (rate(${svc}_http_requests_total{job=~"$job", handler="${handler}", code=~"5.."}[$__rate_interval]))`)}] }),`
          : `    timeseries({ title: ${lit(`Latency ${k}`)}, description: 'p99 latency.', unit: 's', queries: [${lit(`histogram_quantile(0.99, sum by (le) (rate(${svc}_http_request_duration_seconds_bucket{job=~"$job", handler="${handler}"}[${w}])))`)}] }),`,
      );
    }
    boards.push(
      `export const board${d} = dashboard({\n  title: ${lit(`Service ${d}`)},\n  uid: ${lit(`bench-${d}`)},\n  variables: standardVariables(),\n  panels: [\n${ps.join('\n')}\n  ],\n});\n`,
    );
  }
  return `import { dashboard, standardVariables, timeseries } from '../../dsl/index.ts';\n\n${boards.join('\n')}`;
}

function sloModule(first: number, count: number): string {
  const out: string[] = [];
  for (let i = first; i < first + count; i++) {
    const svc = `svc${i % 50}_${Math.floor(i / 50) % 4}`;
    out.push(
      `export const slo${i} = slo({\n  service: ${lit(`bench-${i}`)},\n  name: 'availability',\n  description: 'Requests that do not fail.',\n  objective: 99.9,\n  sli: { ratio: { bad: ${lit(`${svc}_http_requests_total{job="${svc}-api", code=~"5.."}`)}, total: ${lit(`${svc}_http_requests_total{job="${svc}-api"}`)} } },\n});\n`,
    );
  }
  return `import { slo } from '../dsl/index.ts';\n\n${out.join('\n')}`;
}

function registryModule(m: number, groups: number): string {
  const metrics: string[] = [];
  const jobs: string[] = [];
  for (let g = 0; g < groups; g++) {
    const svc = `svc${m}_${g}`;
    jobs.push(lit(`${svc}-api`));
    metrics.push(
      `    ${svc}_http_requests_total: counter({ help: 'HTTP requests served.', labels: ['code', 'method', 'handler'] }),`,
      `    ${svc}_http_request_duration_seconds: histogram({ help: 'Time to serve a request.', unit: 'seconds', labels: ['method', 'handler'] }),`,
    );
  }
  return `import { counter, histogram, registry } from '../dsl/index.ts';\n\nexport const svc${m} = registry({\n  name: ${lit(`svc${m}`)},\n  scrapeInterval: '15s',\n  jobs: [${jobs.join(', ')}],\n  metrics: {\n${metrics.join('\n')}\n  },\n});\n`;
}

const SCRAPE_REGISTRY = `import { gauge, registry } from '../dsl/index.ts';

export const scrape = registry({
  name: 'prometheus-scrape',
  metrics: { up: gauge({ help: '1 if the target was scraped successfully, 0 if the scrape failed.' }) },
});
`;

export interface SyntheticProject {
  readonly root: string;
  readonly rulesFile: string;
  readonly rules: number;
  readonly groups: number;
  readonly modules: number;
  readonly rulesFileBytes: number;
  readonly dashboards: number;
  readonly panels: number;
  readonly slos: number;
  /** Metrics in the generated registries (0 without them). */
  readonly metrics: number;
  /** What was not generated, and why. */
  readonly skipped: readonly string[];
}

/** Writes the project into `root` (dsl/ and node_modules/ linked to `repo`) and the plain rule file beside it. */
export async function writeSyntheticProject(
  root: string,
  repo: string,
  opts: SyntheticOptions = FULL,
): Promise<SyntheticProject> {
  mkdirSync(join(root, 'alerts'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "name": "obs-bench", "private": true, "type": "module" }\n');
  symlinkSync(join(repo, 'dsl'), join(root, 'dsl'), 'dir');
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(
    join(root, 'obs.config.ts'),
    "import { defineConfig } from './dsl/index.ts';\n\nexport default defineConfig({ prometheus: { version: '2.42' } });\n",
  );
  const modules = syntheticGroups(opts);
  modules.forEach((groups, m) => writeFileSync(join(root, 'alerts', `svc${m}.ts`), moduleSource(groups)));
  let metrics = 0;
  if (opts.registries) {
    mkdirSync(join(root, 'registry'), { recursive: true });
    modules.forEach((groups, m) =>
      writeFileSync(join(root, 'registry', `svc${m}.ts`), registryModule(m, groups.length)),
    );
    writeFileSync(join(root, 'registry', 'scrape.ts'), SCRAPE_REGISTRY);
    metrics = modules.reduce((n, groups) => n + 2 * groups.length, 1);
  }
  const rulesFile = join(root, 'plain-rules.yml');
  const yaml = stableYaml({ groups: modules.flat().map(groupYaml) });
  writeFileSync(rulesFile, yaml);
  // Dashboards and SLOs only when their DSLs are part of the authoring surface.
  const surface = (await import('../../dsl/index.ts')) as Record<string, unknown>;
  const skipped: string[] = [];
  let dashboards = 0;
  let slos = 0;
  if (
    opts.dashboards > 0 &&
    typeof surface.dashboard === 'function' &&
    typeof surface.timeseries === 'function' &&
    typeof surface.standardVariables === 'function'
  ) {
    for (let first = 0; first < opts.dashboards; first += 10) {
      mkdirSync(join(root, 'dashboards', `team${first % 100}`), { recursive: true });
      writeFileSync(
        join(root, 'dashboards', `team${first % 100}`, `boards${first}.ts`),
        dashboardModule(first, Math.min(10, opts.dashboards - first), opts.panelsPerDashboard),
      );
    }
    dashboards = opts.dashboards;
  } else if (opts.dashboards > 0)
    skipped.push(
      'dashboards: dsl/index.ts does not export dashboard/timeseries/standardVariables (the dashboard DSL is not there yet)',
    );
  if (opts.slos > 0 && typeof surface.slo === 'function') {
    mkdirSync(join(root, 'slos'), { recursive: true });
    for (let first = 0; first < opts.slos; first += 10)
      writeFileSync(join(root, 'slos', `slos${first}.ts`), sloModule(first, Math.min(10, opts.slos - first)));
    slos = opts.slos;
  } else if (opts.slos > 0) skipped.push('SLOs: dsl/index.ts does not export slo (the SLO DSL is not there yet)');
  const groups = modules.flat();
  return {
    root,
    rulesFile,
    skipped,
    modules: modules.length,
    groups: groups.length,
    dashboards,
    panels: dashboards * opts.panelsPerDashboard,
    slos,
    metrics,
    rules: groups.reduce((n, g) => n + g.rules.length, 0),
    rulesFileBytes: Buffer.byteLength(yaml),
  };
}
