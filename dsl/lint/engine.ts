/**
 * Runs the checks over a project: computes the shared views once, applies severity overrides and
 * suppressions, and returns diagnostics sorted by location.
 */
import { isGeneratedSuppression } from '../core/generated-suppression.ts';
import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import type { Check, CheckContext, LintOptions, Report } from './check.ts';
import { checkedExpressions, recordingRuleEntries, ruleEntries, type CheckedExpression, type ParseCache, type RecordingRuleEntry, type RuleEntry } from './context.ts';
import { dashboardViews, type DashboardView } from './dashboard-view.ts';
import { locateInExpression } from './locate.ts';
import { shardOf, type Shard } from './shard.ts';

export interface SuppressedProblem {
  readonly checkId: string;
  readonly reason: string;
  readonly diagnostic: Diagnostic;
}

export interface LintResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
}

interface Views {
  readonly project: Project;
  rules(): readonly RuleEntry[];
  expressions(): readonly CheckedExpression[];
  dashboards(): readonly DashboardView[];
}

function views(project: Project, options: LintOptions, cache: ParseCache): Views {
  let rules: RuleEntry[] | undefined;
  let exprs: CheckedExpression[] | undefined;
  let dashboards: DashboardView[] | undefined;
  return {
    project,
    rules: () => (rules ??= ruleEntries(project)),
    expressions: () => (exprs ??= checkedExpressions(rules ??= ruleEntries(project), options.target, project.root, project.locate, cache)),
    dashboards: () => (dashboards ??= dashboardViews(project, options.target)),
  };
}

/**
 * What a caller that checks part of a project again and again (the editor, one module at a time)
 * hands over: parse results it keeps between runs, and the recording rules of the whole project,
 * when `project` holds only the part being checked.
 */
export interface GivenViews {
  readonly cache?: ParseCache;
  readonly recordingRules?: readonly RecordingRuleEntry[];
}

/**
 * With `shard`, checks only that part of the project (see shard.ts): the checks that judge one
 * definition at a time run on the shard's definitions, the project-wide ones only on shard 0, and
 * what a recorded series carries is still read from every recording rule. The diagnostics of all
 * shards together are those of the whole run.
 */
export function runChecks(project: Project, checks: readonly Check[], options: LintOptions, shard?: Shard, given: GivenViews = {}): LintResult {
  const cache: ParseCache = given.cache ?? new Map();
  const whole = views(project, options, cache);
  const part = shard ? views(shardOf(project, shard), options, cache) : whole;
  let recording: readonly RecordingRuleEntry[] | undefined = given.recordingRules;
  const recordingRules = (): readonly RecordingRuleEntry[] => (recording ??= recordingRuleEntries(whole.rules(), options.target, cache));
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedProblem[] = [];
  for (const check of checks) {
    const override = options.checks?.[check.meta.id];
    if (override === 'off') continue;
    const projectWide = check.meta.scope === 'project';
    if (projectWide && shard && shard.index !== 0) continue;
    const v = projectWide ? whole : part;
    const base: Severity = override ?? check.meta.severity;
    const ctx: CheckContext = {
      project: v.project,
      options,
      rules: v.rules,
      dashboards: v.dashboards,
      expressions: v.expressions,
      recordingRules,
      locate: (site, text, offset) => (project.locate ? project.locate(site, text, offset) ?? site : locateInExpression(project.root, site, text, offset)),
      report: (r: Report) => {
        const d: Diagnostic = {
          checkId: check.meta.id, severity: override ?? r.severity ?? base, message: r.message,
          ...(r.hint ? { hint: r.hint } : {}), ...(r.location ? { location: r.location } : {}), ...(r.subject ? { subject: r.subject } : {}),
        };
        const s = r.on?.suppress?.find((x) => x.check === check.meta.id)
          ?? project.fileSuppressions?.[d.location?.file ?? '']?.find((x) => x.check === check.meta.id);
        if (!s) diagnostics.push(d);
        else if (!isGeneratedSuppression(s)) suppressed.push({ checkId: check.meta.id, reason: s.reason, diagnostic: d });
      },
    };
    check.run(ctx);
  }
  diagnostics.sort(compareDiagnostics);
  return { diagnostics: dedupe(diagnostics), suppressed };
}

/** The results of every shard of one project, as one run over the whole project would give them. */
export function mergeResults(results: readonly LintResult[]): LintResult {
  const diagnostics = results.flatMap((r) => r.diagnostics).sort(compareDiagnostics);
  return { diagnostics: dedupe(diagnostics), suppressed: results.flatMap((r) => r.suppressed) };
}

function dedupe(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.location?.file}:${d.location?.line}:${d.location?.column}:${d.checkId}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
