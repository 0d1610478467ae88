/**
 * One slo({...}) → ordinary rule groups: the SLI ratio for every alert window, the period ratio from
 * the 5m counts, error-budget rules and MWMB alerts with exact thresholds; obs or Sloth names.
 */
import { describe, expect, it } from 'vitest';
import { exprText } from '../../dsl/promql/template.ts';
import type { AlertRule, RecordingRule, Rule, RuleGroup } from '../../dsl/rules/index.ts';
import { expandSlo, latencyBucketProblem, resolveSlo, slo, type SloSpec } from '../../dsl/slo/index.ts';

const AVAILABILITY: SloSpec = {
  service: 'checkout-api',
  name: 'availability',
  objective: 99.9,
  sli: { ratio: { bad: 'http_requests_total{job="checkout-api", code=~"5.."}', total: 'http_requests_total{job="checkout-api"}' } },
};

function expand(spec: SloSpec) {
  const x = expandSlo(slo(spec), 'slos/test.ts');
  expect(x.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return x;
}

const rules = (groups: readonly RuleGroup[]): Rule[] => groups.flatMap((g) => g.rules);
const rule = (groups: readonly RuleGroup[], name: string): Rule => {
  const r = rules(groups).find((x) => x.name === name);
  if (!r) throw new Error(`no rule ${name}: ${rules(groups).map((x) => x.name).join(', ')}`);
  return r;
};
const expr = (groups: readonly RuleGroup[], name: string): string => exprText(rule(groups, name).expr);
const alerts = (groups: readonly RuleGroup[]): AlertRule[] => rules(groups).filter((r): r is AlertRule => r.kind === 'alert');

function problems(spec: SloSpec): string[] {
  return expandSlo(slo(spec), 'slos/test.ts').diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

describe('obs naming', () => {
  const { groups } = expand(AVAILABILITY);

  it('makes two groups: the SLI ratios with the alerts on them, and the budget', () => {
    expect(groups.map((g) => g.name)).toEqual(['checkout-api.availability.slo', 'checkout-api.availability.budget']);
    expect(groups[0]?.rules.map((r) => `${r.kind} ${r.name}`)).toEqual([
      'record slo:errors:increase5m', 'record slo:events:increase5m', 'record slo:error_ratio:rate5m',
      'record slo:error_ratio:rate30m', 'record slo:error_ratio:rate1h', 'record slo:error_ratio:rate2h',
      'record slo:error_ratio:rate6h', 'record slo:error_ratio:rate1d', 'record slo:error_ratio:rate3d',
      'alert CheckoutApiAvailabilityErrorBudgetBurn', 'alert CheckoutApiAvailabilityErrorBudgetBurn',
    ]);
    expect(groups[1]?.rules.map((r) => r.name)).toEqual([
      'slo:error_ratio:rate30d', 'slo:objective:ratio', 'slo:error_budget:ratio', 'slo:period:days',
      'slo:burn_rate:rate5m', 'slo:burn_rate:rate30d', 'slo:error_budget_remaining:ratio', 'slo:info',
    ]);
  });

  it('labels every recorded series with service and slo only', () => {
    for (const r of rules(groups).filter((x): x is RecordingRule => x.kind === 'record' && x.name !== 'slo:info')) {
      expect(r.labels, r.name).toEqual({ service: 'checkout-api', slo: 'availability' });
    }
  });

  it('counts errors as 0 while no error series exists yet, and divides only by windows with events', () => {
    expect(expr(groups, 'slo:errors:increase5m')).toBe([
      'sum(increase(http_requests_total{job="checkout-api", code=~"5.."}[5m]))',
      'or',
      '0 * sum(increase(http_requests_total{job="checkout-api"}[5m]))',
    ].join('\n'));
    expect(expr(groups, 'slo:error_ratio:rate5m')).toBe(
      'slo:errors:increase5m{service="checkout-api", slo="availability"} / (slo:events:increase5m{service="checkout-api", slo="availability"} > 0)',
    );
    expect(expr(groups, 'slo:error_ratio:rate1h')).toBe([
      '(',
      '  sum(increase(http_requests_total{job="checkout-api", code=~"5.."}[1h]))',
      '  or',
      '  0 * sum(increase(http_requests_total{job="checkout-api"}[1h]))',
      ')',
      '/',
      '(sum(increase(http_requests_total{job="checkout-api"}[1h])) > 0)',
    ].join('\n'));
  });

  it('builds the period ratio from the 5m counts (traffic-weighted), not from 30d of raw series', () => {
    expect(expr(groups, 'slo:error_ratio:rate30d')).toBe([
      'sum_over_time(slo:errors:increase5m{service="checkout-api", slo="availability"}[30d])',
      '/',
      '(sum_over_time(slo:events:increase5m{service="checkout-api", slo="availability"}[30d]) > 0)',
    ].join('\n'));
  });

  it('records objective, budget, period, burn rates and budget remaining with exact numbers', () => {
    expect(expr(groups, 'slo:objective:ratio')).toBe('vector(0.999)');
    expect(expr(groups, 'slo:error_budget:ratio')).toBe('vector(0.001)');
    expect(expr(groups, 'slo:period:days')).toBe('vector(30)');
    expect(expr(groups, 'slo:burn_rate:rate5m')).toBe('slo:error_ratio:rate5m{service="checkout-api", slo="availability"} / 0.001');
    expect(expr(groups, 'slo:error_budget_remaining:ratio')).toBe('1 - slo:burn_rate:rate30d{service="checkout-api", slo="availability"}');
    expect((rule(groups, 'slo:info') as RecordingRule).labels).toEqual({ service: 'checkout-api', slo: 'availability', objective: '99.9', period: '30d', sli: 'ratio' });
  });

  it('pages on 1h & 5m above 14.4x or 6h & 30m above 6x; tickets on 1d & 2h above 3x or 3d & 6h above 1x', () => {
    const [page, ticket] = alerts(groups);
    const m = '{service="checkout-api", slo="availability"}';
    expect(exprText(page?.expr ?? '')).toBe([
      '(', `  slo:error_ratio:rate1h${m} > 0.0144`, '  and', `  slo:error_ratio:rate5m${m} > 0.0144`, ')',
      'or',
      '(', `  slo:error_ratio:rate6h${m} > 0.006`, '  and', `  slo:error_ratio:rate30m${m} > 0.006`, ')',
    ].join('\n'));
    expect(exprText(ticket?.expr ?? '')).toContain(`slo:error_ratio:rate3d${m} > 0.001`);
    expect(exprText(ticket?.expr ?? '')).toContain(`slo:error_ratio:rate1d${m} > 0.003`);
    expect(page?.labels).toEqual({ severity: 'page' });
    expect(ticket?.labels).toEqual({ severity: 'ticket' });
    expect(page?.annotations?.summary).toBe('checkout-api availability: the 30d error budget is burning fast');
    expect(page?.annotations?.description).toContain('at 14.4x the whole budget is spent in 2d2h');
  });

  it('writes no float noise anywhere', () => {
    for (const s of [99.9, 99.95, 99.99, 99.5, 99]) {
      for (const period of ['7d', '28d', '30d'] as const) {
        for (const r of rules(expand({ ...AVAILABILITY, objective: s, period }).groups)) {
          expect(exprText(r.expr), `${s} ${period} ${r.name}`).not.toMatch(/\d\.\d*(0{6,}|9{6,})\d/);
        }
      }
    }
  });
});

describe('periods', () => {
  it('28d: the period series and range follow the period, thresholds use the 28d factors', () => {
    const { groups } = expand({ ...AVAILABILITY, objective: 99.5, period: '28d' });
    expect(expr(groups, 'slo:error_ratio:rate28d')).toContain('[28d]');
    expect(expr(groups, 'slo:period:days')).toBe('vector(28)');
    const [page, ticket] = alerts(groups).map((a) => exprText(a.expr));
    expect(page).toContain('> 0.0672');
    expect(page).toContain('> 0.028');
    expect(ticket).toContain('> 0.014');
    expect(ticket).toContain('> 0.0046665');
  });

  it('7d: 3.36x and 1.4x pages, 0.7x and 0.2333x tickets', () => {
    const [page, ticket] = alerts(expand({ ...AVAILABILITY, period: '7d' }).groups).map((a) => exprText(a.expr));
    expect(page).toContain('rate1h{service="checkout-api", slo="availability"} > 0.00336');
    expect(page).toContain('rate6h{service="checkout-api", slo="availability"} > 0.0014');
    expect(ticket).toContain('> 0.0007');
    expect(ticket).toContain('> 0.0002333');
  });
});

describe('Sloth naming', () => {
  const { groups } = expand({ ...AVAILABILITY, naming: 'sloth', labels: { owner: 'payments' } });
  const ids = { sloth_id: 'checkout-api-availability', sloth_service: 'checkout-api', sloth_slo: 'availability' };

  it("uses Sloth's group, series and label names", () => {
    expect(groups.map((g) => g.name)).toEqual(['sloth-slo-sli-recordings-checkout-api-availability', 'sloth-slo-meta-recordings-checkout-api-availability']);
    const names = rules(groups).filter((r) => r.kind === 'record').map((r) => r.name);
    for (const n of [
      'slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate30m', 'slo:sli_error:ratio_rate1h', 'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h', 'slo:sli_error:ratio_rate1d', 'slo:sli_error:ratio_rate3d', 'slo:sli_error:ratio_rate30d',
      'slo:objective:ratio', 'slo:error_budget:ratio', 'slo:time_period:days', 'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio', 'slo:period_error_budget_remaining:ratio', 'sloth_slo_info',
    ]) expect(names).toContain(n);
    expect((rule(groups, 'slo:sli_error:ratio_rate1h') as RecordingRule).labels).toEqual({ ...ids, sloth_window: '1h' });
    expect((rule(groups, 'slo:sli_error:ratio_rate30d') as RecordingRule).labels).toEqual({ ...ids, sloth_window: '30d' });
    expect((rule(groups, 'slo:objective:ratio') as RecordingRule).labels).toEqual(ids);
    expect((rule(groups, 'sloth_slo_info') as RecordingRule).labels).toEqual({ ...ids, owner: 'payments', sloth_objective: '99.9' });
  });

  it('names the period window as Sloth (and Prometheus) print it: 28d is 4w, 30d stays 30d', () => {
    const g28 = expand({ ...AVAILABILITY, naming: 'sloth', period: '28d' }).groups;
    expect((rule(g28, 'slo:sli_error:ratio_rate4w') as RecordingRule).labels).toEqual({ ...ids, sloth_window: '4w' });
    expect(expr(g28, 'slo:sli_error:ratio_rate4w')).toContain('[4w]');
    expect(expr(g28, 'slo:period_burn_rate:ratio')).toContain('slo:sli_error:ratio_rate4w{');
    expect(expr(groups, 'slo:period_burn_rate:ratio')).toContain('slo:sli_error:ratio_rate30d{');
  });

  it('drops sloth_window before joining windows, and marks alerts with sloth_severity', () => {
    const [page, ticket] = alerts(groups);
    expect(exprText(page?.expr ?? '')).toContain(
      'max(slo:sli_error:ratio_rate1h{sloth_id="checkout-api-availability", sloth_service="checkout-api", sloth_slo="availability"} > 0.0144) without (sloth_window)',
    );
    expect(page?.labels).toEqual({ severity: 'page', sloth_severity: 'page', owner: 'payments' });
    expect(ticket?.labels).toEqual({ severity: 'ticket', sloth_severity: 'ticket', owner: 'payments' });
    expect(expr(groups, 'slo:current_burn_rate:ratio')).toBe(`slo:sli_error:ratio_rate5m{sloth_id="checkout-api-availability", sloth_service="checkout-api", sloth_slo="availability"} / 0.001`);
  });
});

describe('SLI kinds', () => {
  it('ratio from good/total: errors are total minus good (no good series yet = all bad)', () => {
    const { groups } = expand({ ...AVAILABILITY, sli: { ratio: { good: 'http_requests_total{code=~"2.."}', total: 'http_requests_total' } } });
    expect(expr(groups, 'slo:errors:increase5m')).toBe('sum(increase(http_requests_total[5m]))\n-\n(sum(increase(http_requests_total{code=~"2.."}[5m])) or 0 * sum(increase(http_requests_total[5m])))');
  });

  it('ratio from expressions with a window placeholder ({{.window}} or a function of the window)', () => {
    const sloth = expand({ ...AVAILABILITY, sli: { ratio: { bad: 'sum(rate(errors_total[{{.window}}]))', total: 'sum(rate(requests_total[{{ .window }}]))' } } });
    expect(expr(sloth.groups, 'slo:error_ratio:rate6h')).toBe('(\n  (sum(rate(errors_total[6h])))\n  or\n  0 * (sum(rate(requests_total[6h])))\n)\n/\n((sum(rate(requests_total[6h]))) > 0)');
    const fn = expand({ ...AVAILABILITY, sli: { ratio: { bad: (w) => `sum(rate(errors_total[${w}]))`, total: (w) => `sum(rate(requests_total[${w}]))` } } });
    expect(expr(fn.groups, 'slo:error_ratio:rate6h')).toBe(expr(sloth.groups, 'slo:error_ratio:rate6h'));
  });

  it('latency from a classic histogram: _count minus the le bucket of the threshold', () => {
    const { groups } = expand({ ...AVAILABILITY, sli: { latency: { histogram: 'http_request_duration_seconds{job="api"}', threshold: 0.3 } } });
    expect(expr(groups, 'slo:errors:increase5m')).toBe([
      'sum(increase(http_request_duration_seconds_count{job="api"}[5m]))', '-', 'sum(increase(http_request_duration_seconds_bucket{job="api", le="0.3"}[5m]))',
    ].join('\n'));
    expect(expr(groups, 'slo:events:increase5m')).toBe('sum(increase(http_request_duration_seconds_count{job="api"}[5m]))');
  });

  it('an integral threshold also matches the le="1.0" Prometheus 3 writes', () => {
    const { groups } = expand({ ...AVAILABILITY, sli: { latency: { histogram: 'http_request_duration_seconds_bucket', threshold: 1 } } });
    expect(expr(groups, 'slo:errors:increase5m')).toContain('http_request_duration_seconds_bucket{le=~"1(\\\\.0)?"}');
  });

  it('latency from a native histogram: histogram_fraction, and a warning that no tests are generated', () => {
    const x = expandSlo(slo({ ...AVAILABILITY, sli: { latency: { histogram: 'http_request_duration_seconds', threshold: 0.25, native: true } } }), 'slos/test.ts');
    expect(expr(x.groups, 'slo:errors:increase5m')).toBe(
      'histogram_count(sum(increase(http_request_duration_seconds[5m])))\n*\n(1 - histogram_fraction(0, 0.25, sum(increase(http_request_duration_seconds[5m]))))',
    );
    expect(x.tests).toEqual([]);
    expect(x.untested).toHaveLength(1);
    expect(x.diagnostics).toEqual([]);
  });

  it('availability from a 0/1 gauge: samples at 0 over all samples', () => {
    const { groups } = expand({ ...AVAILABILITY, sli: { availability: { gauge: 'probe_success{job="blackbox"}' } } });
    expect(expr(groups, 'slo:errors:increase5m')).toBe('sum(count_over_time(probe_success{job="blackbox"}[5m]))\n-\nsum(sum_over_time(probe_success{job="blackbox"}[5m]))');
    expect(expr(groups, 'slo:events:increase5m')).toBe('sum(count_over_time(probe_success{job="blackbox"}[5m]))');
  });
});

describe('grouping', () => {
  const { groups } = expand({ ...AVAILABILITY, grouping: ['tenant_id'] });

  it('keeps the grouping label on every SLI series, so each tenant has its own objective and alerts', () => {
    expect(expr(groups, 'slo:events:increase5m')).toBe('sum by (tenant_id) (increase(http_requests_total{job="checkout-api"}[5m]))');
    expect(expr(groups, 'slo:error_ratio:rate3d')).toContain('sum by (tenant_id) (increase(http_requests_total{job="checkout-api", code=~"5.."}[3d]))');
    expect(alerts(groups)[0]?.annotations?.summary).toBe('checkout-api availability (tenant_id={{ $labels.tenant_id }}): the 30d error budget is burning fast');
  });
});

describe('alerting options', () => {
  it('takes names, labels and annotations for both alerts and per severity, and turns either off', () => {
    const { groups } = expand({
      ...AVAILABILITY,
      labels: { owner: 'checkout' },
      alerting: {
        name: 'CheckoutBurn', labels: { team: 'payments' }, annotations: { runbook_url: 'https://r/x', summary: 'burn' },
        page: { labels: { routing: 'pager' } },
        ticket: false,
      },
    });
    const all = alerts(groups);
    expect(all).toHaveLength(1);
    expect(all[0]?.name).toBe('CheckoutBurn');
    expect(all[0]?.labels).toEqual({ severity: 'page', owner: 'checkout', team: 'payments', routing: 'pager' });
    expect(all[0]?.annotations).toMatchObject({ runbook_url: 'https://r/x', summary: 'burn' });
  });

  it('records the SLI and budget without alerts when both are off', () => {
    const { groups } = expand({ ...AVAILABILITY, alerting: { page: false, ticket: false } });
    expect(alerts(groups)).toEqual([]);
    expect(groups.map((g) => g.name)).toEqual(['checkout-api.availability.slo', 'checkout-api.availability.budget']);
  });
});

describe('locations', () => {
  it('every generated rule, group and test is located at the slo(...) call', () => {
    const s = slo(AVAILABILITY); const line = new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1];
    expect(s.site?.file).toBe('test/slo/expansion.test.ts');
    expect(String(s.site?.line)).toBe(line);
    const x = expandSlo(s, 'slos/test.ts');
    for (const r of [...x.groups, ...rules(x.groups), ...x.tests]) expect(r.site).toEqual(s.site);
  });
});

describe('definition errors', () => {
  it('reports what is wrong and generates nothing', () => {
    expect(problems({ ...AVAILABILITY, objective: 100 })[0]).toMatch(/objective must be a percentage between 0 and 100/);
    expect(problems({ ...AVAILABILITY, period: '3d' })[0]).toMatch(/period must be a whole number of days from 7d/);
    expect(problems({ ...AVAILABILITY, naming: 'slooth' as 'sloth' })).toEqual(['slo "checkout-api/availability": naming must be one of "obs", "sloth"; got "slooth"; did you mean "sloth"?']);
    expect(problems({ ...AVAILABILITY, grouping: ['service'] })[0]).toMatch(/grouping label "service" is set by the generated rules/);
    expect(problems({ ...AVAILABILITY, name: 'Has Spaces' })[0]).toMatch(/name "Has Spaces" must be letters/);
    expect(problems({ ...AVAILABILITY, sli: { ratio: { bad: 'rate(x[5m])', total: 'y' } } })[0]).toMatch(/must be a plain vector selector/);
    expect(problems({ ...AVAILABILITY, sli: { latency: { histogram: 'h', threshold: -1 } } })[0]).toMatch(/positive number of seconds/);
    // 90% over 30 days: the page threshold 14.4 × 0.1 = 1.44 can never be exceeded.
    expect(problems({ ...AVAILABILITY, objective: 90 })[0]).toMatch(/page tier 1h\/5m needs an error ratio above 1.44/);
    expect(expandSlo(slo({ ...AVAILABILITY, objective: 100 }), 'slos/test.ts').groups).toEqual([]);
  });
});

describe('latency thresholds against known buckets', () => {
  const latency = resolveSlo(slo({ ...AVAILABILITY, sli: { latency: { histogram: 'http_request_duration_seconds', threshold: 0.3 } } }));
  if ('problems' in latency) throw new Error(latency.problems.join('; '));
  const buckets = (h: string) => (h === 'http_request_duration_seconds' ? [0.05, 0.1, 0.25, 0.5, 1] : undefined);

  it('a threshold between two bounds selects no bucket: an error naming the nearest bounds', () => {
    expect(latencyBucketProblem(latency, buckets)).toBe(
      'sli.latency.threshold 0.3 is not a bucket bound of http_request_duration_seconds (0.05, 0.1, 0.25, 0.5, 1): no http_request_duration_seconds_bucket series has le="0.3"; the nearest bounds are 0.25 and 0.5',
    );
    const x = expandSlo(latency.slo, 'slos/test.ts', { buckets });
    expect(x.diagnostics.map((d) => d.checkId)).toEqual(['slo/latency-bucket']);
    expect(x.groups).toEqual([]);
  });

  it('a bound, an unknown histogram or no lookup is fine', () => {
    expect(latencyBucketProblem(latency, () => [0.1, 0.3, 1])).toBeUndefined();
    expect(latencyBucketProblem(latency, () => undefined)).toBeUndefined();
    expect(latencyBucketProblem(latency, undefined)).toBeUndefined();
  });
});
