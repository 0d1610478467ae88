import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/regex-equality.ts';
import { alert, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('promql/regex-equality', () => {
  it('accepts real regexes and equality matchers', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up{job=~"api|web", instance=~".+:9100", env="prod", zone!~"eu-.*"} == 0' }),
      alert({ name: 'B', expr: 'up{path=~"/var\\\\d"} == 0' }),
    ] })] });
  });

  it('reports regexes that are plain strings, and redundant anchors', () => {
    const ds = expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up{job=~"api"} == 0' }),
      alert({ name: 'B', expr: 'up{job!~"^api$"} == 0' }),
      alert({ name: 'C', expr: 'up{host=~"db1\\\\.example"} == 0' }),
      alert({ name: 'D', expr: 'up{job=~"^api-.*"} == 0' }),
    ] })] }, [
      { messageId: 'noRegex', message: 'job=~"api" has no regex in it', line: 16, column: 41, endColumn: 46, text: '"api"' },
      { messageId: 'noRegex', message: 'job!~"^api$" has no regex in it', line: 17, column: 41, endColumn: 48, text: '"^api$"' },
      { messageId: 'noRegex', message: 'host=~"db1\\\\.example" has no regex in it', line: 18, column: 42, endColumn: 59, text: '"db1\\\\\\\\.example"' },
      { messageId: 'anchors', message: 'the anchors are redundant', line: 19, column: 41, endColumn: 50, text: '"^api-.*"' },
    ]);
    expect(ds.map((d) => d.hint)).toEqual(expect.arrayContaining(['write job="api"', 'write job!="api"', 'write host="db1.example"', 'write job=~"api-.*"']));
  });
});
