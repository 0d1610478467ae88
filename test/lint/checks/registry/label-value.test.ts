import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/label-value.ts';
import { alert, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';
import { counter, registry } from '../../../../dsl/registry/index.ts';

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
    ] })] }, [
      { messageId: 'noValue', message: 'node_cpu_seconds_total{mode="idel"} matches none of mode\'s values', line: 20, column: 66, endColumn: 72, text: '"idel"' },
      { messageId: 'noValue', message: 'http_requests_total{method=~"get|post"} matches none', line: 21, column: 66, endColumn: 76, text: '"get|post"' },
    ]);
    expect(ds[0]?.hint).toMatch(/^did you mean "idle"\?/);
  });
});

/** A closed value set with a long value, to show a catastrophic pattern cannot hang the check. */
const routes = registry({
  name: 'routes',
  scrapeInterval: '15s',
  metrics: {
    route_requests_total: counter({ labels: ['route'], values: { route: ['a'.repeat(40), 'Checkout', 'cart-7'] } }),
  },
});

describe('registry/label-value evaluates matchers as Prometheus does (RE2, anchored, linear time)', () => {
  const rules = (...exprs: string[]) => [ruleGroup({ name: 'g', rules: exprs.map((expr, i) => alert({ name: `A${i}`, expr })) })];

  it('a pattern that backtracks exponentially in JavaScript finishes at once', () => {
    const started = performance.now();
    const ds = expectInvalid(check, { registries: [routes], modules: rules('rate(route_requests_total{route=~"(a+)+b"}[5m]) > 1') },
      [
        { messageId: 'noValue', message: 'route_requests_total{route=~"(a+)+b"} matches none of route\'s values', line: 44, column: 110, endColumn: 118, text: '"(a+)+b"' },
      ]);
    expect(performance.now() - started).toBeLessThan(2000);
    // Located at the matcher's value, where the author wrote it.
    const src = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
    const line = src.findIndex((l) => l.includes('route_requests_total{route=~"(a+)+b"}')) + 1;
    const column = (src[line - 1] ?? '').indexOf('"(a+)+b"') + 1;
    expect(ds[0]?.location).toMatchObject({ file: 'test/lint/checks/registry/label-value.test.ts', line, column, endLine: line, endColumn: column + '"(a+)+b"'.length });
  });

  it('knows RE2 syntax JavaScript lacks: POSIX classes, (?i), \\pL', () => {
    expectValid(check, { registries: [routes], modules: rules(
      'rate(route_requests_total{route=~"[[:alpha:]]+"}[5m]) > 1',
      'rate(route_requests_total{route=~"(?i)checkout"}[5m]) > 1',
      'rate(route_requests_total{route=~"\\\\pL+-\\\\d"}[5m]) > 1',
    ) });
    expectInvalid(check, { registries: [routes], modules: rules(
      'rate(route_requests_total{route=~"[[:digit:]]+"}[5m]) > 1',
      'rate(route_requests_total{route=~"(?i)basket"}[5m]) > 1',
    ) }, [
      { messageId: 'noValue', message: 'route=~"[[:digit:]]+"} matches none', line: 63, column: 41, endColumn: 55, text: '"[[:digit:]]+"' },
      { messageId: 'noValue', message: 'route=~"(?i)basket"} matches none', line: 64, column: 41, endColumn: 53, text: '"(?i)basket"' },
    ]);
  });

  it('anchors the pattern: a value containing a match is no match', () => {
    expectInvalid(check, { registries: [routes], modules: rules('rate(route_requests_total{route=~"heck"}[5m]) > 1') }, [
      { messageId: 'noValue', message: 'route=~"heck"} matches none', line: 72, column: 99, endColumn: 105, text: '"heck"' },
    ]);
  });

  it('leaves a pattern RE2 refuses to promql/syntax (no report here)', () => {
    expectValid(check, { registries: [routes], modules: rules('rate(route_requests_total{route=~"a(?=b)"}[5m]) > 1') });
  });
});

describe('label and job names that name properties of every JS object are plain names', () => {
  it('a matcher on a `constructor` label, or the job `toString`, is checked like any other (was an internal error, exit 70)', () => {
    const modules = [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(node_cpu_seconds_total{constructor="idle", __proto__="x", mode="idle"}[5m]) < 0.1' }),
      alert({ name: 'B', expr: 'rate(node_cpu_seconds_total{job="toString", mode="idle"}[5m]) < 0.1' }),
      alert({ name: 'C', expr: 'rate(node_cpu_seconds_total{job="constructor", mode="idel"}[5m]) < 0.1' }),
    ] })];
    expectInvalid(check, { registries: REGISTRIES, relabelledLabels: { '*': ['namespace'], shop: ['cluster'] }, modules }, [
      { messageId: 'noValue', message: 'node_cpu_seconds_total{mode="idel"} matches none of mode\'s values', line: 87, column: 85, endColumn: 91, text: '"idel"' },
    ]);
  });
});
