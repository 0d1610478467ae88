import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/promql.ts';
import { dashboard, intervalVariable, labelValues, prometheusAnnotation, prometheusQuery, promql, queryVariable, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lineOf } from '../../../dashboard/lint-dashboards.ts';

const FILE = 'test/lint/checks/dashboard/promql.test.ts';
const panel = (expr: string) => timeseries({ title: 'p', queries: [expr] });

describe('dashboard/promql', () => {
  it('accepts valid queries with Grafana variables in every position', () => {
    expectValid(check, [dashboard({
      title: 'd',
      variables: [intervalVariable({ name: 'window', values: ['5m', '1h'] }), queryVariable({ name: 'job', query: labelValues('job', 'up') })],
      panels: [
        panel('sum by (job) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))'),
        panel('rate(x_total{job="${job:regex}"}[$window]) * $__range_s'),
        panel('max_over_time(up[[[window]]])'),
      ],
    })]);
  });

  it('reports a syntax error at the character inside the query string', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'Broken', queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total[$__rate_interval])' })] })], // BROKEN-1
    })], ['unclosed left parenthesis (in panel "Broken", query A)']);
    const line = lineOf(FILE, '// BROKEN-1');
    expect(d?.location).toMatchObject({ file: FILE, line });
    expect(d?.location?.column).toBeGreaterThan(80);
  });

  it('reports type errors (rate of an instant vector) inside promql templates', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'T', queries: [prometheusQuery({ expr: promql`rate(http_requests_total{job="x"})` })] })], // BROKEN-2
    })], [/expected type range vector in call to function "rate"/]);
    expect(d?.location?.line).toBe(lineOf(FILE, '// BROKEN-2'));
  });

  it('checks variable queries (the selector of label_values) and annotation expressions', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      variables: [
        queryVariable({ name: 'job', query: labelValues('job', 'up{job=~"a(b"}') }),
        queryVariable({ name: 'instance', query: 'label_values(up{, instance)' }),
      ],
      annotations: [prometheusAnnotation({ name: 'deploys', expr: 'changes(x[5m]) >' })],
    })], [/^error parsing regexp.*variable "job"/, /variable "instance"/, /annotation "deploys"/]);
  });

  it('an interval variable in expression position is a type error, a durations in brackets is fine', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [intervalVariable({ name: 'w', values: ['5m'] })], panels: [panel('sum(up) + $w')],
    })], [/unexpected|duration/]);
  });

  it('reports an empty expression at the panel', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [panel('  ')] })], ['panel "p", query A has an empty expression']);
  });

  it('uses the target Prometheus version (2.42 has no limitk)', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [panel('limitk(3, up)')] })], [/limitk/]);
  });
});
