/**
 * The promtool tests generated for every SLO: their shape, the series they make up, and (with the
 * real promtool) that they pass for every SLI kind, both namings, several periods and objectives,
 * grouped and ungrouped.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitRules } from '../../dsl/emit/rules.ts';
import { emitUnitTests, testFilesOf } from '../../dsl/emit/unit-tests.ts';
import type { InputSeries, RuleTest } from '../../dsl/rules/index.ts';
import { expandSlo, slo, type SloSpec } from '../../dsl/slo/index.ts';
import { regexExample } from '../../dsl/slo/regex-example.ts';
import { satisfying, satisfyingNot } from '../../dsl/slo/series-labels.ts';
import { expandTemplate } from '../../dsl/slo/unit-tests.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';

const AVAILABILITY: SloSpec = {
  service: 'checkout-api',
  name: 'availability',
  objective: 99.9,
  sli: { ratio: { bad: 'http_requests_total{job="checkout-api", code=~"5.."}', total: 'http_requests_total{job="checkout-api"}' } },
  alerting: { annotations: { runbook_url: 'https://runbooks.example.com/checkout-api#slo' } },
};

function testsOf(spec: SloSpec): readonly RuleTest[] {
  const x = expandSlo(slo(spec), 'slos/test.ts');
  expect(x.diagnostics).toEqual([]);
  return x.tests;
}

const seriesOf = (t: RuleTest | undefined): string[] => (t?.input ?? []).map((s: InputSeries) =>
  `${s.metric}${JSON.stringify(Object.fromEntries(Object.entries(s.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))))}`);

describe('generated tests', () => {
  const tests = testsOf(AVAILABILITY);

  it('five per SLO: fast burn, slow burn, healthy, zero traffic, short spike', () => {
    expect(tests.map((t) => t.name)).toEqual([
      'checkout-api/availability: fast burn: a sustained 18x burn (page factor 14.4x) pages within 5m',
      'checkout-api/availability: slow burn: 1.25x after 1d of clean traffic opens only a ticket, once its 3d window shows it',
      'checkout-api/availability: healthy: a steady 0.5x burn fires nothing',
      'checkout-api/availability: zero traffic: no events for 1h fires nothing and records no ratio (no NaN, no division by zero)',
      'checkout-api/availability: short spike: 5m at 18x after 2h of clean traffic fires nothing',
    ]);
  });

  it('makes up one series the bad selector selects and one only the total selects', () => {
    expect(seriesOf(tests[0])).toEqual([
      'http_requests_total{"code":"500","job":"checkout-api"}',
      'http_requests_total{"code":"200","job":"checkout-api"}',
    ]);
    // 18x of a 0.1% budget is 1.8% errors: 9 of 500 requests a second.
    expect(tests[0]?.input.map((s) => s.values)).toEqual(['0 540+540x59', '0 29460+29460x59']);
  });

  it('the fast burn expects the page (and the ticket) at 5m, with their labels and annotations', () => {
    const a = tests[0]?.alerts?.[0];
    expect(a?.at).toBe('5m');
    expect(a?.expect.map((e) => e.labels)).toEqual([
      { service: 'checkout-api', slo: 'availability', severity: 'page' },
      { service: 'checkout-api', slo: 'availability', severity: 'ticket' },
    ]);
    expect(a?.expect[0]?.annotations?.runbook_url).toBe('https://runbooks.example.com/checkout-api#slo');
  });

  it('the slow burn spans 4 days, sampled every 2m and evaluated hourly, and expects only the ticket at the end', () => {
    const t = tests[1];
    expect([t?.interval, t?.evaluationInterval]).toEqual(['2m', '1h']);
    expect(t?.alerts?.map((a) => [a.at, a.expect.map((e) => e.labels?.severity)])).toEqual([['2d', []], ['3d', []], ['4d', ['ticket']]]);
    expect(testFilesOf('slos/test.ts', tests).map((f) => f.path)).toEqual(['tests/slos/test.test.yml', 'tests/slos/test.eval-1h.test.yml']);
  });

  it('healthy traffic checks the SLI ratios, objective and burn rate for exact values', () => {
    const exprs = tests[2]?.exprs ?? [];
    const value = (e: string): number | undefined => exprs.find((x) => x.expr === e)?.expect[0]?.value;
    const m = '{service="checkout-api", slo="availability"}';
    for (const w of ['5m', '30m', '1h']) expect(value(`slo:error_ratio:rate${w}${m}`), w).toBe(0.0005);
    expect(value(`slo:objective:ratio${m}`)).toBe(0.999);
    expect(value(`slo:error_budget:ratio${m}`)).toBe(0.001);
    expect(value(`slo:burn_rate:rate5m${m}`)).toBe(0.5);
  });

  it('zero traffic expects no ratio series at all (not NaN), a period ratio of 0 and the whole budget left', () => {
    const exprs = tests[3]?.exprs ?? [];
    const m = '{service="checkout-api", slo="availability"}';
    expect(exprs.find((e) => e.expr === `slo:error_ratio:rate5m${m}`)?.expect).toEqual([]);
    expect(exprs.find((e) => e.expr === `slo:error_ratio:rate30m${m}`)?.expect).toEqual([]);
    expect(exprs.find((e) => e.expr === `slo:error_ratio:rate30d${m}`)?.expect.map((s) => s.value)).toEqual([0]);
    expect(exprs.find((e) => e.expr === `slo:error_budget_remaining:ratio${m}`)?.expect.map((s) => s.value)).toEqual([1]);
    // the counters stay, flat: no traffic is 0 events, not a missing series
    expect(tests[3]?.input.map((s) => s.values)).toEqual(['0 0+0x29 0+0x59', '0 6000+6000x29 180000+0x59']);
  });

  it('a grouped SLO runs a second, clean group beside the burning one and expects alerts for the first only', () => {
    const grouped = testsOf({ ...AVAILABILITY, grouping: ['tenant_id'] });
    expect(seriesOf(grouped[0]).map((s) => s.replace(/.*"tenant_id":"([^"]+)".*/, '$1'))).toEqual(['obs-test-a', 'obs-test-a', 'obs-test-b', 'obs-test-b']);
    expect(grouped[0]?.alerts?.[0]?.expect.map((e) => e.labels?.tenant_id)).toEqual(['obs-test-a', 'obs-test-a']);
    expect(grouped[0]?.alerts?.[0]?.expect[0]?.annotations?.summary).toBe('checkout-api availability (tenant_id=obs-test-a): the 30d error budget is burning fast');
  });

  it('a gauge SLI feeds the gauge average at dyadic error ratios, so sums of samples are exact', () => {
    const gauge = testsOf({ ...AVAILABILITY, sli: { availability: { gauge: 'up{job="checkout-api"}' } } });
    expect(gauge[2]?.input.map((s) => s.values)).toEqual(['0.99951171875 0.99951171875x59']);
    expect(gauge[3]?.input.map((s) => s.values)).toEqual(['1 1x29 _x59']);
  });

  it('checks firing alerts through ALERTS when annotations use templates beyond $labels', () => {
    const t = testsOf({ ...AVAILABILITY, alerting: { annotations: { summary: '{{ $value | humanizePercentage }} of requests fail' } } });
    expect(t[0]?.alerts).toEqual([]);
    expect(t[0]?.exprs?.[0]).toEqual({
      expr: 'ALERTS{alertname="CheckoutApiAvailabilityErrorBudgetBurn", alertstate="firing"}', at: '5m',
      expect: [
        { labels: 'ALERTS{alertname="CheckoutApiAvailabilityErrorBudgetBurn", alertstate="firing", service="checkout-api", severity="page", slo="availability"}', value: 1 },
        { labels: 'ALERTS{alertname="CheckoutApiAvailabilityErrorBudgetBurn", alertstate="firing", service="checkout-api", severity="ticket", slo="availability"}', value: 1 },
      ],
    });
  });
});

describe('made-up series', () => {
  it('finds strings label-matcher regexes match', () => {
    expect(['5..', '(5..|429)', 'GET|POST', '[23]..', '/api/.*', 'a+b*', 'x{2,3}y', '\\d+', '(?:foo|bar)-\\w'].map(regexExample))
      .toEqual(['500', '500', 'GET', '200', '/api/', 'a', 'xxy', '0', 'foo-0']);
  });

  it('picks label values a selector selects, and values that separate two selectors', () => {
    expect(satisfying([{ name: 'job', op: '=', value: 'api' }, { name: 'code', op: '=~', value: '5..' }])).toEqual({ job: 'api', code: '500' });
    expect(satisfying([{ name: 'code', op: '!~', value: '5..' }])).toEqual({});
    expect(satisfyingNot([{ name: 'job', op: '=', value: 'api' }], [{ name: 'code', op: '=~', value: '2..|3..' }])).toEqual({ job: 'api', code: '500' });
  });

  it('expands $labels templates and leaves anything else to promtool', () => {
    expect(expandTemplate('tenant {{ $labels.tenant_id }} / {{.Labels.slo}} / {{ $labels.missing }}!', { tenant_id: 't1', slo: 'a' })).toBe('tenant t1 / a / !');
    expect(expandTemplate('{{ $value | humanize }}', {})).toBeUndefined();
  });
});

/** SLOs of every kind, naming, several periods and objectives: their generated tests must pass. */
const MATRIX: Readonly<Record<string, SloSpec>> = {
  'ratio-bad-30d': AVAILABILITY,
  'ratio-good-grouped-28d': {
    service: 'checkout-api', name: 'tenant-availability', objective: 99.5, period: '28d', grouping: ['tenant_id'],
    sli: { ratio: { good: 'http_requests_total{job="checkout-api", code=~"[23].."}', total: 'http_requests_total{job="checkout-api"}' } },
  },
  'latency-sloth-7d': {
    service: 'checkout-api', name: 'latency', objective: 99, period: '7d', naming: 'sloth',
    sli: { latency: { histogram: 'http_request_duration_seconds{job="checkout-api"}', threshold: 1 } },
  },
  'availability-90d-no-ticket': {
    service: 'checkout-web', name: 'probe', objective: 99.95, period: '90d',
    sli: { availability: { gauge: 'probe_success{job="blackbox"}' } },
    alerting: { ticket: false },
  },
  'expressions-sloth-grouped-99.99': {
    service: 'search', name: 'api', objective: 99.99, naming: 'sloth', grouping: ['route'],
    sli: {
      ratio: {
        bad: 'sum by (route) (rate(api_errors_total{route=~"/api/.*"}[{{.window}}]))',
        total: (w) => `sum by (route) (rate(api_requests_total{route=~"/api/.*"}[${w}]))`,
      },
    },
    alerting: { annotations: { summary: '{{ $labels.route }}: {{ $value | humanizePercentage }} errors' } },
  },
};

const skip = promtoolSkipReason();

function run(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, [...args], { cwd });
    let output = '';
    p.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    p.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(skip !== undefined)('generated tests pass with the real promtool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obs-slo-tests-'));
  const results = new Map<string, { check: { code: number | null; output: string }; tests: { file: string; code: number | null; output: string }[] }>();

  beforeAll(async () => {
    const tool = findPromtool()?.path ?? 'promtool';
    await Promise.all(Object.entries(MATRIX).map(async ([key, spec]) => {
      const module = `slos/${key}.ts`;
      const x = expandSlo(slo(spec), module);
      expect(x.diagnostics, key).toEqual([]);
      const m = { module, groups: x.groups, tests: x.tests };
      const files = [...emitRules([m], { outputs: ['prometheus'], operator: { labels: {} }, mimir: {} }), ...emitUnitTests([m])];
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      const rulesFile = files.find((f) => f.path.startsWith('rules/'))?.path ?? '';
      const check = await run(tool, ['check', 'rules', rulesFile], dir);
      const tests = await Promise.all(files.filter((f) => f.path.startsWith('tests/')).map(async (f) => ({
        file: f.path, ...(await run(tool, ['test', 'rules', f.path.split('/').pop() ?? ''], join(dir, dirname(f.path)))),
      })));
      results.set(key, { check, tests });
    }));
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.keys(MATRIX))('%s: promtool check rules accepts the rules, and every generated test passes', (key) => {
    const r = results.get(key);
    expect(r?.check.code, r?.check.output).toBe(0);
    expect(r?.tests.length).toBe(2);
    for (const t of r?.tests ?? []) expect(t.code, `${t.file}\n${t.output}`).toBe(0);
  });
});
