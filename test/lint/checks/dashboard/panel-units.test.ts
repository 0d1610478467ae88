import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/panel-units.ts';
import { barChart, barGauge, dashboard, histogramPanel, gaugePanel, heatmap, stat, table, text, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/panel-units', () => {
  it('accepts panels with units (also through extra), tables and text without', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [
        timeseries({ title: 'a', unit: 's', queries: ['up'] }), stat({ title: 'b', unit: 'none', queries: ['up'] }),
        gaugePanel({ title: 'c', queries: ['up'], extra: { fieldConfig: { defaults: { unit: 'percent' } } } }),
        table({ title: 't', queries: ['up'] }), text({ title: 'x', content: 'x' }),
      ],
    })]);
  });
  it('warns about numeric panels without a unit', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'a', queries: ['up'] }), stat({ title: 'b', queries: ['up'] }), barGauge({ title: 'c', queries: ['up'] }), heatmap({ title: 'h', queries: ['up'] })],
    })], [
      { messageId: 'noUnit', message: 'panel "a" has no unit', line: 20, column: 16, text: 'timeseries' },
      { messageId: 'noUnit', message: 'panel "b" has no unit', line: 20, column: 61, text: 'stat' },
      { messageId: 'noUnit', message: 'panel "c" has no unit', line: 20, column: 100, text: 'barGauge' },
      { messageId: 'noUnit', message: 'panel "h" has no unit', line: 20, column: 143, text: 'heatmap' },
    ]);
  });
  it('warns about bar charts and histograms without a unit', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [barChart({ title: 'b', queries: ['up'] }), histogramPanel({ title: 'h', queries: ['up'] }), barChart({ title: 'ok', unit: 'reqps', queries: ['up'] })],
    })], [
      { messageId: 'noUnit', message: 'panel "b" has no unit', line: 31, column: 16, text: 'barChart' },
      { messageId: 'noUnit', message: 'panel "h" has no unit', line: 31, column: 59, text: 'histogramPanel' },
    ]);
  });
});
