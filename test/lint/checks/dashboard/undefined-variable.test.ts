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
    })], [
      { messageId: 'undefined', message: 'panel "p", query A uses $instnace, which dashboard "d" does not define', line: 25, column: 93, endColumn: 102, text: '$instnace' },
    ]);
    const line = lineOf(FILE, '// UNDEF');
    const text = readFileSync(FILE, 'utf8').split('\n')[line - 1] ?? '';
    expect(d?.location).toMatchObject({ file: FILE, line, column: text.indexOf('$instnace') + 1 });
  });

  it('reports unknown formats and self-referencing variable queries', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      variables: [queryVariable({ name: 'instance', query: labelValues('instance', 'up{instance=~"$instance"}') }), job],
      panels: [timeseries({ title: 'p', queries: ['up{job=~"${job:regexp}"}'] })],
    })], [
      { messageId: 'selfReference', message: 'variable "instance" uses itself', line: 37, column: 99, endColumn: 108, text: '$instance' },
      { messageId: 'unknownFormat', message: 'formats $job as "regexp"', line: 38, column: 61, endColumn: 74, text: '${job:regexp}' },
    ] as const);
  });

  it('checks titles, rows, repeats, link URLs and annotations', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [job],
      annotations: [prometheusAnnotation({ name: 'a', expr: 'changes(x{ns="$ns"}[5m])' })],
      links: [link({ title: 'l', url: '/d/x?var-team=$team' })],
      rows: [row({ title: 'Row $region', repeat: 'region', panels: [timeseries({ title: 'on $node', repeat: { variable: 'node' }, queries: ['up{job=~"$job"}'] })] })],
    })], [
      { messageId: 'undefined', message: 'annotation "a" uses $ns', line: 48, column: 76, endColumn: 79, text: '$ns' },
      { messageId: 'undefined', message: 'link "l" uses $team', line: 49, column: 54, text: '$team' },
      { messageId: 'undefined', message: 'row "Row $region" uses $region', line: 50, column: 32, text: '$region' },
      { messageId: 'repeat', message: 'row "Row $region" repeats by $region', line: 50, column: 51, text: 'region' },
      { messageId: 'undefined', message: 'panel "on $node" uses $node', line: 50, column: 93, text: '$node' },
      { messageId: 'repeat', message: 'panel "on $node" repeats by $node', line: 50, column: 122, text: 'node' },
    ]);
  });
});
