import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/duplicate-group.ts';
import { record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lint } from '../../../helpers/check-tester.ts';
import { expect } from 'vitest';

const g = (name: string) => ruleGroup({ name, rules: [record({ name: 'a', expr: 'up' })] });

describe('rules/duplicate-group', () => {
  it('accepts distinct group names', () => {
    expectValid(check, { modules: { 'alerts/a.ts': [g('one'), g('two')], 'alerts/b.ts': [g('three')] } });
  });
  it('rejects two groups with one name in a module (Prometheus rejects the file)', () => {
    expectInvalid(check, { modules: { 'alerts/a.ts': [g('one'), g('one')] } }, [
      { messageId: 'twiceInModule', message: 'group "one" is defined twice in alerts/a.ts', line: 7, column: 29, text: 'ruleGroup' },
    ]);
  });
  it('warns-level reports the same name across modules, naming the other module', () => {
    const ds = lint(check, { modules: { 'alerts/a.ts': [g('one')], 'alerts/b.ts': [g('one')] } });
    expect(ds.map((d) => d.message)).toEqual(['group "one" is also defined in alerts/a.ts']);
  });
});
