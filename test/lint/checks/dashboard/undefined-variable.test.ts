import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/undefined-variable.ts';
import { customVariable, dashboard, labelValues, link, prometheusAnnotation, queryVariable, row, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lineOf } from '../../../dashboard/lint-dashboards.ts';

const FILE = 'test/lint/checks/dashboard/undefined-variable.test.ts';
const job = queryVariable({ name: 'job', query: labelValues('job', 'up') });

describe('dashboard/undefined-variable', () => {
  it('accepts defined and built-in variables in all three syntaxes', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: [job, customVariable({ name: 'env', values: ['prod', 'dev'], multi: true })],
      panels: [timeseries({
        title: '$job in ${env}', repeat: { variable: 'env' },
        queries: ['rate(x_total{job=~"$job", env=~"${env:regex}", e="[[env]]"}[$__rate_interval])'],
        links: [link({ title: 'l', url: 'https://x.example/?job=${job}&from=${__from}' })],
      })],
    })]);
  });

  it('reports an undefined variable at its position in the query string', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd', variables: [job],
      panels: [timeseries({ title: 'p', queries: ['sum(rate(x_total{job=~"$job", instance=~"$instnace"}[$__rate_interval]))'] })], // UNDEF
    })], ['panel "p", query A uses $instnace, which dashboard "d" does not define']);
    const line = lineOf(FILE, '// UNDEF');
    const text = readFileSync(FILE, 'utf8').split('\n')[line - 1] ?? '';
    expect(d?.location).toMatchObject({ file: FILE, line, column: text.indexOf('$instnace') + 1 });
  });

  it('reports unknown formats and self-referencing variable queries', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      variables: [queryVariable({ name: 'instance', query: labelValues('instance', 'up{instance=~"$instance"}') }), job],
      panels: [timeseries({ title: 'p', queries: ['up{job=~"${job:regexp}"}'] })],
    })], ['formats $job as "regexp"', 'variable "instance" uses itself'] as const);
  });

  it('checks titles, rows, repeats, link URLs and annotations', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [job],
      annotations: [prometheusAnnotation({ name: 'a', expr: 'changes(x{ns="$ns"}[5m])' })],
      links: [link({ title: 'l', url: '/d/x?var-team=$team' })],
      rows: [row({ title: 'Row $region', repeat: 'region', panels: [timeseries({ title: 'on $node', repeat: { variable: 'node' }, queries: ['up{job=~"$job"}'] })] })],
    })], ['annotation "a" uses $ns', 'link "l" uses $team', 'row "Row $region" uses $region', 'row "Row $region" repeats by $region', 'panel "on $node" uses $node', 'panel "on $node" repeats by $node']);
  });
});
