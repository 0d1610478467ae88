import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/names.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('rules/names', () => {
  it('accepts valid names', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'up', labels: { team: 'a', _private: 'b' } }),
      alert({ name: 'Anything goes: even spaces', expr: 'up == 0', annotations: { runbook_url: 'x' } }),
    ] })] });
  });
  it('rejects names Prometheus rejects', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: '', labels: { 'bad-group-label': 'x' }, rules: [
      record({ name: 'job-http-rate', expr: 'up' }),
      record({ name: 'up{job="x"}', expr: 'up' }),
      alert({ name: '', expr: 'up == 0', labels: { 'team-name': 'a', __name__: 'b' }, annotations: { 'run-book': 'x' } }),
    ] })] }, [
      'a rule group has an empty name',
      'invalid recording rule name "job-http-rate"',
      'invalid recording rule name "up{job=\\"x\\"}"; braces belong in expr',
      'an alert has an empty name',
      'invalid label name "team-name"',
      'invalid label name "__name__"',
      'invalid annotation name "run-book"',
      'invalid label name "bad-group-label" on group ""',
    ]);
  });
});
