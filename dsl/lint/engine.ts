/**
 * Runs the checks over a project: computes the shared views once, applies severity overrides and
 * suppressions, and returns diagnostics sorted by location.
 */
import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import type { Check, CheckContext, LintOptions, Report } from './check.ts';
import { checkedExpressions, ruleEntries, type CheckedExpression, type RuleEntry } from './context.ts';
import { dashboardViews, type DashboardView } from './dashboard-view.ts';
import { locateInExpression } from './locate.ts';

export interface SuppressedProblem {
  readonly checkId: string;
  readonly reason: string;
  readonly diagnostic: Diagnostic;
}

export interface LintResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
}

export function runChecks(project: Project, checks: readonly Check[], options: LintOptions): LintResult {
  let rules: RuleEntry[] | undefined;
  let exprs: CheckedExpression[] | undefined;
  let dashboards: DashboardView[] | undefined;
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedProblem[] = [];
  for (const check of checks) {
    const override = options.checks?.[check.meta.id];
    if (override === 'off') continue;
    const base: Severity = override ?? check.meta.severity;
    const ctx: CheckContext = {
      project,
      options,
      rules: () => (rules ??= ruleEntries(project)),
      dashboards: () => (dashboards ??= dashboardViews(project, options.target)),
      expressions: () => (exprs ??= checkedExpressions(rules ??= ruleEntries(project), options.target, project.root, project.locate)),
      locate: (site, text, offset) => (project.locate ? project.locate(site, text, offset) ?? site : locateInExpression(project.root, site, text, offset)),
      report: (r: Report) => {
        const d: Diagnostic = {
          checkId: check.meta.id, severity: override ?? r.severity ?? base, message: r.message,
          ...(r.hint ? { hint: r.hint } : {}), ...(r.location ? { location: r.location } : {}), ...(r.subject ? { subject: r.subject } : {}),
        };
        const s = r.on?.suppress?.find((x) => x.check === check.meta.id)
          ?? project.fileSuppressions?.[d.location?.file ?? '']?.find((x) => x.check === check.meta.id);
        if (s) suppressed.push({ checkId: check.meta.id, reason: s.reason, diagnostic: d });
        else diagnostics.push(d);
      },
    };
    check.run(ctx);
  }
  diagnostics.sort(compareDiagnostics);
  return { diagnostics: dedupe(diagnostics), suppressed };
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
