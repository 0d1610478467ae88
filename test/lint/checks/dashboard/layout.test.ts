import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/layout.ts';
import { dashboard, row, stat, type DashboardSpec } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lineOf } from '../../../dashboard/lint-dashboards.ts';

const s = (title: string, extra: Partial<Parameters<typeof stat>[0]> = {}) => stat({ title, queries: ['up'], ...extra });

describe('dashboard/layout', () => {
  it('accepts flowed panels, explicit positions that fit, and explicit panels in rows', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [s('a', { width: 24 }), s('b', { position: { x: 18, y: 0 } }), s('c')],
      rows: [row({ title: 'r', panels: [s('d', { position: { x: 0, y: 0 }, width: 12 }), s('e', { position: { x: 12, y: 0 }, width: 12 })] })],
    })]);
  });
  it('rejects overlapping explicit positions, at the later panel', () => {
    const [d] = expectInvalid(check, [dashboard({
      title: 'd',
      panels: [
        s('a', { position: { x: 0, y: 0 }, width: 12 }),
        stat({ title: 'b', queries: ['up'], position: { x: 6, y: 2 }, width: 12 }), // OVERLAP
      ],
    })], [
      { messageId: 'layout', message: 'panel "b": explicit position overlaps panel 1 of the same section (x=0, y=0, 12x4)', line: 21, column: 9, text: 'stat' },
    ]);
    expect(d?.location?.line).toBe(lineOf('test/lint/checks/dashboard/layout.test.ts', '// OVERLAP'));
  });
  it('rejects an explicit panel past the right edge', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [s('a', { position: { x: 20, y: 0 }, width: 8 })] })], [
      { messageId: 'layout', message: 'panel "a": explicit position x=20 with width 8 ends at column 28', line: 6, column: 79, text: 'stat' },
    ]);
  });
  it('rejects sizes that are not whole grid units (through casts or plain JS)', () => {
    const spec = { title: 'd', panels: [s('a', { width: 30 as 24 }), s('b', { height: 0 }), s('c', { height: 2.5 })] } satisfies DashboardSpec;
    expectInvalid(check, [dashboard(spec)], [
      { messageId: 'layout', message: 'panel "a": width 30', line: 6, column: 79, text: 'stat' },
      { messageId: 'layout', message: 'panel "b": height 0', line: 6, column: 79, text: 'stat' },
      { messageId: 'layout', message: 'panel "c": height 2.5', line: 6, column: 79, text: 'stat' },
    ]);
  });
});
