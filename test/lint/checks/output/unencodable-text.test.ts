import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/output/unencodable-text.ts';
import { alert, dashboard, ruleGroup, text } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { lineOf, lintDashboards } from '../../../dashboard/lint-dashboards.ts';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(import.meta.url);

describe('output/unencodable-text', () => {
  it('accepts every valid string, emoji (surrogate pairs) and controls included', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [alert({ name: 'A', expr: 'up == 0', labels: { e: '😀 \u0000\u007f\u2028\ufeff' }, annotations: { s: '\ud83d\ude00' } })] })] });
  });
  it('reports a lone high or low surrogate in a label, an annotation, a group, at the definition', () => {
    const ds = expectInvalid(check, { modules: [ruleGroup({ name: 'g\udc00', rules: [ // GROUP
      alert({ name: 'A', expr: 'up == 0', labels: { cut: '😀'.slice(0, 1) }, annotations: { s: 'x\udfffy' } }), // ALERT
    ] })] }, [
      { messageId: 'loneSurrogate', message: 'the name of group "g\\udc00" holds a lone surrogate U+DC00 at offset 1, which no UTF-8 file can carry', line: 15, column: 49, text: 'ruleGroup' },
      { messageId: 'loneSurrogate', message: 'annotation "s" of alert "A" holds a lone surrogate U+DFFF at offset 1', line: 16, column: 7, text: 'alert' },
      { messageId: 'loneSurrogate', message: 'label "cut" of alert "A" holds a lone surrogate U+D83D at offset 0', line: 16, column: 7, text: 'alert' },
    ]);
    expect(ds.map((d) => d.location?.line).sort()).toEqual([lineOf(FILE, '// GROUP'), lineOf(FILE, '// ALERT'), lineOf(FILE, '// ALERT')].sort());
  });
  it('and in any dashboard text', () => {
    const ds = lintDashboards(check, [dashboard({ title: 'D', panels: [text({ title: 'T', content: 'a\ud800' })] })]); // DASH
    expect(ds.map((d) => `${d.location?.line} ${d.message}`)).toEqual([`${lineOf(FILE, '// DASH')} dashboard "D" panels[0].content holds a lone surrogate U+D800 at offset 1, which no UTF-8 file can carry`]);
  });
});
