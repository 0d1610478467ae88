import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/gauge-function-on-counter.ts';
import { alert, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/gauge-function-on-counter', () => {
  it('accepts delta/deriv/predict_linear on gauges and unknown metrics', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'deriv(queue_depth[10m]) > 1 or delta(queue_depth[1h]) > 100' }),
      alert({ name: 'B', expr: 'predict_linear(queue_depth[1h], 3600) > 1000 or deriv(unregistered[5m]) > 0' }),
    ] })] });
  });

  it('reports them on counters', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'delta(http_requests_total[1h]) > 100' }),
      alert({ name: 'B', expr: 'deriv(http_request_duration_seconds_count[5m]) > 1' }),
      alert({ name: 'C', expr: 'predict_linear(http_requests_total[1h], 3600) > 1e6' }),
    ] })] }, [
      { messageId: 'onCounter', message: 'delta() on http_requests_total, which is a counter', line: 17, column: 33, endColumn: 38, text: 'delta' },
      { messageId: 'onCounter', message: 'deriv() on http_request_duration_seconds_count', line: 18, column: 33, endColumn: 38, text: 'deriv' },
      { messageId: 'onCounter', message: 'predict_linear() on http_requests_total', line: 19, column: 33, endColumn: 47, text: 'predict_linear' },
    ]);
  });
});
