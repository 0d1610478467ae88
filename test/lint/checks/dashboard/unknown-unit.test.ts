import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/unknown-unit.ts';
import { dashboard, heatmap, timeseries, type Unit } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lineOf } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/unknown-unit', () => {
  it('accepts SDK units, parameterised units and known units through extra', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [
        timeseries({ title: 'a', unit: 'reqps', queries: ['up'], overrides: [{ match: { byName: 'x' }, set: { unit: 'suffix: req' } }] }),
        heatmap({ title: 'b', unit: 's', cellUnit: 'currency:EUR', queries: ['up'], extra: { fieldConfig: { defaults: { unit: 'bytes' } } } }),
      ],
    })]);
  });
  it('rejects an unknown unit through the escape hatch, at the unit string', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'a', queries: ['up'], extra: { fieldConfig: { defaults: { unit: 'reqpz' } } } })], // REQPZ
    })], [
      { messageId: 'unknown', message: 'panel "a" uses unit "reqpz", which Grafana does not know', line: 19, column: 101, text: 'reqpz' },
    ]);
    expect(d?.location?.line).toBe(lineOf('test/lint/checks/dashboard/unknown-unit.test.ts', '// REQPZ'));
  });
  it('rejects unknown units in override properties of extra, and typed fields after a cast', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [
        timeseries({ title: 'a', unit: 'miliseconds' as Unit, queries: ['up'] }),
        timeseries({ title: 'b', queries: ['up'], extra: { fieldConfig: { overrides: [{ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'unit', value: 'kbps2' }] }] } } }),
      ],
    })], [
      { messageId: 'unknown', message: 'unit "miliseconds"', line: 29, column: 41, text: 'miliseconds' },
      { messageId: 'unknown', message: 'unit "kbps2"', line: 30, column: 165, text: 'kbps2' },
    ]);
  });
});
