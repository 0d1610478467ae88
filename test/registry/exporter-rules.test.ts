/**
 * Realistic rules for the four exporters (fixtures/exporter-rules.ts), checked against the registries
 * generated from the real exporters: the registry, label-flow and rule-quality checks must report no
 * error and no warning on them, and their registries must know every metric they use.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../dsl/collect/project.ts';
import { loadRegistries } from '../../dsl/collect/registries.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { isRuleGroup } from '../../dsl/rules/index.ts';
import { REPO_ROOT } from '../helpers/fixture-project.ts';
import * as rules from './fixtures/exporter-rules.ts';

describe('real exporter registries and realistic rules', async () => {
  const modules = readdirSync(`${REPO_ROOT}/registry`).filter((f) => f.endsWith('.ts')).map((f) => `registry/${f}`);
  const { registries, diagnostics } = await loadRegistries(REPO_ROOT, modules);

  it('the checked-in registries load and cover the four exporters', () => {
    expect(diagnostics).toEqual([]);
    const byName = Object.fromEntries(registries.map((r) => [r.name, Object.keys(r.metrics).length]));
    for (const name of ['node-exporter', 'postgres-exporter', 'redis-exporter', 'blackbox-exporter']) expect(byName[name], name).toBeGreaterThan(50);
  });

  it('report nothing on the rules', () => {
    const groups = Object.values(rules).filter(isRuleGroup);
    expect(groups.length).toBe(5);
    const project: Project = { root: REPO_ROOT, modules: [{ module: 'test/registry/fixtures/exporter-rules.ts', groups, tests: [] }], diagnostics: [] };
    const semantic = CHECKS.filter((c) => /^(registry|alerts)\//.test(c.meta.id) || ['promql/syntax', 'promql/histogram-quantile', 'promql/grouping-labels', 'promql/impossible-join', 'promql/regex-equality', 'promql/nan-division'].includes(c.meta.id));
    const r = runChecks(project, semantic, {
      target: mustParseTarget('2.42'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] }, registry: { registries },
    });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.checkId}: ${d.message}`)).toEqual([]);
  });
});
