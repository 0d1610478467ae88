import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/label-value.ts';
import { alert, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/label-value', () => {
  it('accepts values of the closed set, regexes matching one, and labels without a closed set', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(node_cpu_seconds_total{mode="idle"}[5m]) < 0.1' }),
      alert({ name: 'B', expr: 'rate(node_cpu_seconds_total{mode=~"system|user", cpu="7"}[5m]) > 0.9' }),
      alert({ name: 'C', expr: 'rate(http_requests_total{method!="GETT", code="999"}[5m]) > 1' }),
    ] })] });
  });

  it('reports values outside the closed set, with the closest value', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(node_cpu_seconds_total{mode="idel"}[5m]) < 0.1' }),
      alert({ name: 'B', expr: 'rate(http_requests_total{method=~"get|post"}[5m]) > 1' }),
    ] })] }, ['node_cpu_seconds_total{mode="idel"} matches none of mode\'s values', 'http_requests_total{method=~"get|post"} matches none']);
    expect(ds[0]?.hint).toMatch(/^did you mean "idle"\?/);
  });
});
