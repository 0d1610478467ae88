/**
 * Which files of an out/ tree are the rule files: one owner (dsl/emit/rules.ts, which writes them)
 * for obs diff and obs preview. The same groups are written once per configured output, so both
 * read the first output folder that holds a rule file, in the order rules/, prometheus-operator/,
 * mimir/; unit test files are never rule files.
 */
import { describe, expect, it } from 'vitest';
import { ruleGroupsOf } from '../../dsl/diff/rules.ts';
import { RULE_OUTPUT_DIRS, ruleFilePaths } from '../../dsl/emit/rules.ts';
import { alertRules } from '../../dsl/preview/alerts.ts';

const groups = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n';
const operator = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: a }\nspec:\n  ${groups.replace(/\n(?=.)/g, '\n  ')}`;
const mimir = `namespace: a\n${groups}`;

const TREES: readonly (readonly [string, Readonly<Record<string, string>>, readonly string[]])[] = [
  ['every output', {
    'rules/alerts/a.yml': groups, 'prometheus-operator/alerts-a.yaml': operator, 'mimir/alerts-a.yaml': mimir,
    'tests/alerts/a.test.yml': 'tests: []\n', 'dashboards/x.json': '{}',
  }, ['rules/alerts/a.yml']],
  ['operator and mimir', { 'prometheus-operator/alerts-a.yaml': operator, 'mimir/alerts-a.yaml': mimir }, ['prometheus-operator/alerts-a.yaml']],
  ['mimir only', { 'mimir/alerts-a.yaml': mimir, 'mimir/README.md': '' }, ['mimir/alerts-a.yaml']],
  ['unit tests beside the rules (the first layout of out/)', { 'rules/alerts/a.yml': groups, 'rules/alerts/a.test.yml': 'tests: []\n' }, ['rules/alerts/a.yml']],
  // Read by both alike: the folder holds no rule file, so the next output is read.
  ['a rules/ folder of unit tests only', { 'rules/alerts/a.test.yml': 'tests: []\n', 'mimir/alerts-a.yaml': mimir }, ['mimir/alerts-a.yaml']],
  ['no rules', { 'dashboards/x.json': '{}', 'alertmanager/alertmanager.yml': 'route: {}\n' }, []],
];

describe('the rule files of an out/ tree', () => {
  it('are those of the first output folder holding one, in the order emit writes them', () => {
    expect(Object.values(RULE_OUTPUT_DIRS)).toEqual(['rules', 'prometheus-operator', 'mimir']);
    for (const [what, tree, files] of TREES) expect(ruleFilePaths(Object.keys(tree).sort()), what).toEqual(files);
  });

  it('are the files obs diff and obs preview read', () => {
    for (const [what, tree, files] of TREES) {
      const map = new Map(Object.entries(tree));
      expect([...new Set(ruleGroupsOf(map).map((g) => g.file))], what).toEqual(files);
      expect([...new Set(alertRules(map).map((r) => r.file))], what).toEqual(files);
    }
  });
});
