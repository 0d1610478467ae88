import { describe, expect, it } from 'vitest';
import { labelValues, parseVariableQuery, renderLabelValues } from '../../dsl/dashboard/index.ts';

describe('Grafana Prometheus variable queries', () => {
  it('renders label_values with and without a selector', () => {
    expect(renderLabelValues(labelValues('job'))).toBe('label_values(job)');
    expect(renderLabelValues(labelValues('instance', ' up{job=~"$job"} '))).toBe('label_values(up{job=~"$job"}, instance)');
  });

  it('finds the PromQL inside, with its offset', () => {
    const q = 'label_values(up{job=~"$job", a=",x"}, instance)';
    const parts = parseVariableQuery(q);
    expect(parts).toMatchObject({ fn: 'label_values', label: 'instance', promql: { text: 'up{job=~"$job", a=",x"}', offset: 13 } });
    expect(q.slice(parts.promql?.offset, (parts.promql?.offset ?? 0) + (parts.promql?.text.length ?? 0))).toBe(parts.promql?.text);
    expect(parseVariableQuery('label_values(job)')).toEqual({ fn: 'label_values', label: 'job' });
    expect(parseVariableQuery('query_result( topk(5, up) )')).toEqual({ fn: 'query_result', promql: { text: 'topk(5, up)', offset: 14 } });
    expect(parseVariableQuery('label_names()')).toEqual({ fn: 'label_names' });
    expect(parseVariableQuery('metrics(http_.*)')).toEqual({ fn: 'metrics' });
    expect(parseVariableQuery('up{job="a"}')).toEqual({ fn: 'series', promql: { text: 'up{job="a"}', offset: 0 } });
  });

  it('treats a broken single argument as a selector to check', () => {
    expect(parseVariableQuery('label_values(up{, instance)').promql?.text).toBe('up{, instance');
  });
});
