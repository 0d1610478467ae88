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
    })], [
      { messageId: 'invalid', message: 'unclosed left parenthesis (in panel "Broken", query A)', line: 25, column: 128, text: '\'' },
    ]);
    const line = lineOf(FILE, '// BROKEN-1');
    expect(d?.location).toMatchObject({ file: FILE, line });
    expect(d?.location?.column).toBeGreaterThan(80);
  });

  it('reports type errors (rate of an instant vector) inside promql templates', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'T', queries: [prometheusQuery({ expr: promql`rate(http_requests_total{job="x"})` })] })], // BROKEN-2
    })], [
      { messageId: 'invalid', message: /expected type range vector in call to function "rate"/, line: 37, column: 87, endColumn: 115, text: 'http_requests_total{job="x"}' },
    ]);
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
    })], [
      { messageId: 'invalid', message: /^error parsing regexp.*variable "job"/, line: 48, column: 68, endColumn: 78, text: 'job=~"a(b"' },
      { messageId: 'invalid', message: /variable "instance"/, line: 49, column: 67, endColumn: 68, text: ',' },
      { messageId: 'invalid', message: /annotation "deploys"/, line: 51, column: 84, text: '\'' },
    ]);
  });

  it('an interval variable in expression position is a type error, a durations in brackets is fine', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [intervalVariable({ name: 'w', values: ['5m'] })], panels: [panel('sum(up) + $w')],
    })], [
      { messageId: 'invalid', message: /unexpected|duration/, line: 61, column: 107, endColumn: 109, text: '$w' },
    ]);
  });

  it('reports an empty expression at the panel', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [panel('  ')] })], [
      { messageId: 'empty', message: 'panel "p", query A has an empty expression', line: 10, column: 1, text: ' ' },
    ]);
  });

  it('uses the target Prometheus version (2.42 has no limitk)', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [panel('limitk(3, up)')] })], [
      { messageId: 'invalid', message: /limitk/, line: 74, column: 67, endColumn: 73, text: 'limitk' },
    ]);
  });
});
