import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/template.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('rules/template', () => {
  it('accepts Prometheus templates in alert labels and annotations', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({
        name: 'A', expr: 'up == 0',
        labels: { instance: '{{ $labels.instance }}' },
        annotations: {
          summary: '{{ $labels.job }} is down ({{ $value | humanizePercentage }})',
          description: '{{ with query "up" }}{{ . | first | value }}{{ end }}',
        },
      }),
      // Recording rules are not templated.
      record({ name: 'r', expr: 'up', labels: { weird: '{{ nope' } }),
    ] })] });
  });

  it('reports what promtool reports, naming the label or annotation', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up == 0', annotations: { summary: '{{ $labels.job }' } }),
      alert({ name: 'B', expr: 'up == 0', annotations: { summary: '{{ $value | humanise }}' } }),
      alert({ name: 'C', expr: 'up == 0', labels: { x: '{{ $nosuchvar }}' } }),
    ] })] }, [
      { messageId: 'template', message: /annotation "summary" of alert "A": template: .*unexpected "}" in operand/, line: 24, column: 83, text: '}' },
      { messageId: 'template', message: 'annotation "summary" of alert "B": template: function "humanise" not defined', line: 25, column: 80, text: 'humanise' },
      { messageId: 'template', message: 'label "x" of alert "C": template: undefined variable "$nosuchvar"', line: 26, column: 60, text: '$nosuchvar' },
    ]);
  });

  it('points at the error inside the string the author wrote', () => {
    const ds = expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up == 0', annotations: { summary: 'job {{ $labels.job | humanise }}' } }),
    ] })] }, [
      { messageId: 'template', message: 'function "humanise" not defined', line: 36, column: 89, text: 'humanise' },
    ]);
    expect(ds[0]?.location?.file).toBe('test/lint/checks/rules/template.test.ts');
    expect(ds[0]?.location?.column).toBeGreaterThan(60);
  });
});
