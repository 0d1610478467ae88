/**
 * Runs the checks over a project: builds the shared views once (rules, parsed expressions,
 * dashboards, queries, the registry view, where alerts land), walks every query's AST once for all
 * visitor checks, fills in what a report leaves out (location, subject, suppressions, the message
 * from its id), applies severity overrides and suppressions, and returns diagnostics sorted by location.
 */
import { isGeneratedSuppression } from '../core/generated-suppression.ts';
import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import { walk, type Expr } from '../promql/index.ts';
import { alertLabelsOf, type AlertLabels } from './alert-labels.ts';
import { alertmanagerView, type AlertmanagerView } from './alertmanager-view.ts';
import {
  type Check,
  type CheckContext,
  type LintOptions,
  type QueryContext,
  type QueryReport,
  type Report,
  type Visitor,
} from './check.ts';
import {
  checkedExpressions,
  recordingRuleEntries,
  ruleEntries,
  type CheckedExpression,
  type ParseCache,
  type RecordingRuleEntry,
  type RuleEntry,
} from './context.ts';
import { dashboardViews, type DashboardView } from './dashboard-view.ts';
import { locateInExpression } from './locate.ts';
import { compileMessage, type MessageData } from './message.ts';
import { queryEntries, type QueryEntry } from './queries.ts';
import { registryView, type RegistryView } from './registry-view.ts';
import { shardOf, type Shard } from './shard.ts';
import { checkUnits, contextKey, fileDigests, unitKey } from './check-units.ts';
import {
  readsDigest,
  registriesShape,
  trackedRegistry,
  trackedSettings,
  type RegistryReads,
} from './registry-reads.ts';
import type { RunMemo } from '../core/run-memo.ts';
import { Session } from '../core/session.ts';

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
  queries(): readonly QueryEntry[];
}

function views(project: Project, options: LintOptions, cache: ParseCache): Views {
  let rules: RuleEntry[] | undefined;
  let exprs: CheckedExpression[] | undefined;
  let dashboards: DashboardView[] | undefined;
  let queries: QueryEntry[] | undefined;
  const v: Views = {
    project,
    rules: () => (rules ??= ruleEntries(project)),
    expressions: () => (exprs ??= checkedExpressions(v.rules(), options.target, project.root, project.locate, cache)),
    dashboards: () => (dashboards ??= dashboardViews(project, options.target)),
    queries: () => (queries ??= queryEntries(v.expressions(), v.dashboards())),
  };
  return v;
}

/** A visitor of one check, with the queries it walks (the shard's, or the project's for project-wide checks). */
interface Walker {
  readonly check: Check;
  readonly visitor: Visitor;
  readonly views: Views;
  readonly report: (r: Report) => void;
}

/**
 * What a caller that checks part of a project again and again (the editor, one module at a time)
 * hands over: parse results it keeps between runs, and the recording rules of the whole project,
 * when `project` holds only the part being checked.
 */
export interface GivenViews {
  readonly cache?: ParseCache;
  readonly recordingRules?: readonly RecordingRuleEntry[];
  /**
   * Check results of units (rule groups, dashboards) kept between the runs of a session (watch
   * mode), by a key that holds everything the checks read about the unit (see check-units.ts).
   * The result is the same as without it.
   */
  readonly units?: RunMemo<UnitResult>;
}

/** A unit's check results as a session keeps them: with what its checks read of the registries. */
export interface UnitResult {
  readonly result: LintResult;
  readonly reads: RegistryReads;
  /** readsDigest of `reads` when the unit was checked. */
  readonly registry: string;
}

/** What every pass of one run shares: the whole project's views, the registry view, where alerts land. */
interface Run {
  readonly project: Project;
  readonly whole: Views;
  readonly cache: ParseCache;
  readonly locate: CheckContext['locate'];
  recordingRules(): readonly RecordingRuleEntry[];
  registry(): RegistryView;
  /** `registry`: the view a pass reads the registries through (default: the run's). */
  alertLabelsIn(v: Views, registry?: RegistryView): readonly AlertLabels[];
  alertmanager(): AlertmanagerView | undefined;
}

function runOf(project: Project, options: LintOptions, given: GivenViews): Run {
  const cache: ParseCache = given.cache ?? new Map();
  const whole = views(project, options, cache);
  let recording: readonly RecordingRuleEntry[] | undefined = given.recordingRules;
  const recordingRules = (): readonly RecordingRuleEntry[] =>
    (recording ??= recordingRuleEntries(whole.rules(), options.target, cache));
  let registry: RegistryView | undefined;
  const registryOf = (): RegistryView => (registry ??= registryView(options.registry, recordingRules()));
  const alertLabels = new Map<Views, readonly AlertLabels[]>();
  const alertLabelsIn = (v: Views, registry = registryOf()): readonly AlertLabels[] => {
    let a = alertLabels.get(v);
    if (!a) alertLabels.set(v, (a = alertLabelsOf(v.rules(), v.queries(), registry)));
    return a;
  };
  const locate: CheckContext['locate'] = (site, text, offset) =>
    project.locate
      ? (project.locate(site, text, offset) ?? site)
      : locateInExpression(project.root, site, text, offset);
  let alertmanager: AlertmanagerView | undefined;
  return {
    project,
    whole,
    cache,
    locate,
    recordingRules,
    registry: registryOf,
    alertLabelsIn,
    alertmanager: () => {
      const entry = project.alertmanager;
      return entry
        ? (alertmanager ??= alertmanagerView(entry, options.alertmanager?.version, alertLabelsIn(whole), locate))
        : undefined;
    },
  };
}

/**
 * With `shard`, checks only that part of the project (see shard.ts): the checks that judge one
 * definition at a time run on the shard's definitions, the project-wide ones only on shard 0, and
 * what a recorded series carries is still read from every recording rule. The diagnostics of all
 * shards together are those of the whole run.
 */
export function runChecks(
  project: Project,
  checks: readonly Check[],
  options: LintOptions,
  shard?: Shard,
  given: GivenViews = {},
): LintResult {
  const run = runOf(project, options, given);
  if (given.units && !shard) {
    const r = runIncremental(run, checks, options, given.units);
    if (r) return r;
  }
  const part = shard ? views(shardOf(project, shard), options, run.cache) : run.whole;
  const selected = shard && shard.index !== 0 ? checks.filter((c) => c.meta.scope !== 'project') : checks;
  return finish([checkPass(run, part, selected, options)]);
}

/** A check that must see the whole project: one that compares definitions, or reads the secret scan. */
const projectWide = (c: Check): boolean => c.meta.scope === 'project' || (c.meta.needs ?? []).includes('secrets');

/**
 * The project-wide checks on the whole project, the others unit by unit (check-units.ts), a unit's
 * results reused when its key is that of a previous run. Undefined when the result could differ
 * from a single pass: more problems of one kind than REPEAT_LIMIT (which ones are listed depends
 * on the order of the whole run).
 */
function runIncremental(
  run: Run,
  checks: readonly Check[],
  options: LintOptions,
  memo: RunMemo<UnitResult>,
): LintResult | undefined {
  const results = [checkPass(run, run.whole, checks.filter(projectWide), options)];
  const local = checks.filter((c) => !projectWide(c));
  const { secrets: _secrets, ...unitOptions } = options;
  const registries = options.registry?.registries ?? [];
  // The registries' metrics are not in the shared context: each unit's results are kept with what
  // its checks read of them (registry-reads.ts).
  const context = contextKey(
    run.project,
    { ...unitOptions, ...(options.registry ? { registry: { ...options.registry, registries: [] } } : {}) },
    run.recordingRules(),
    registriesShape(registries),
  );
  const sources = Session.current()?.sources;
  const digest = sources ? fileDigests((f) => sources.text(f)) : undefined;
  for (const unit of checkUnits(run.project)) {
    const key = context !== undefined && digest ? unitKey(unit, context, digest) : undefined;
    let r = key && memo.get(key.key, (kept) => readsDigest(kept.reads, registries) === kept.registry)?.result;
    if (!r) {
      let whole = false;
      const onWhole = (): void => {
        whole = true;
      };
      const tracked = trackedRegistry(run.registry());
      const settings = trackedSettings(options.registry, onWhole);
      const passOptions = { ...unitOptions, ...(settings ? { registry: settings } : {}) };
      r = checkPass(run, views(unit.project, passOptions, run.cache), local, passOptions, onWhole, tracked.view);
      const inFiles = (d: Diagnostic): boolean => d.location === undefined || key!.files.has(d.location.file);
      const reads = tracked.reads();
      const registry = readsDigest(reads, registries);
      if (
        key &&
        registry !== undefined &&
        !whole &&
        r.diagnostics.every(inFiles) &&
        r.suppressed.every((s) => inFiles(s.diagnostic))
      )
        memo.set(key.key, { result: r, reads, registry });
    }
    results.push(r);
  }
  const reported = new Map<string, number>();
  for (const r of results.slice(1))
    for (const d of r.diagnostics) {
      const k = `${d.checkId}\u0000${d.messageId ?? ''}\u0000${d.subject ?? ''}`;
      const n = (reported.get(k) ?? 0) + 1;
      if (n > REPEAT_LIMIT) return undefined;
      reported.set(k, n);
    }
  return finish(results);
}

/**
 * One pass of `checks` over `part` (project-wide checks over the whole project). `onWhole` is told
 * when a check reads what depends on the whole project beyond the shared views (the Alertmanager
 * view: where each alert lands).
 */
function checkPass(
  run: Run,
  part: Views,
  checks: readonly Check[],
  options: LintOptions,
  onWhole?: () => void,
  registry?: RegistryView,
): LintResult {
  const project = run.project;
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedProblem[] = [];
  const walkers: Walker[] = [];
  const repeats = new Repeats();
  for (const check of checks) {
    const override = options.checks?.[check.meta.id];
    if (override === 'off') continue;
    const needs = check.meta.needs ?? [];
    if (needs.includes('registry') && !run.registry().active) continue;
    if (needs.includes('alertmanager') && !project.alertmanager) continue;
    if (needs.includes('secrets') && !options.secrets) continue;
    const v = check.meta.scope === 'project' ? run.whole : part;
    const base: Severity = override ?? check.meta.severity;
    // Each message id's template read once for the pass, and its problems' repeat counts found once.
    const messages = new Map<string, { format: (data: MessageData) => string; repeats: RepeatCounts }>();
    const messageOf = (id: string): { format: (data: MessageData) => string; repeats: RepeatCounts } => {
      let m = messages.get(id);
      if (!m) {
        const template = check.meta.messages[id];
        if (template === undefined) throw new Error(`${check.meta.id}: unknown messageId ${JSON.stringify(id)}`);
        messages.set(
          id,
          (m = { format: compileMessage(check.meta.id, template), repeats: repeats.of(check.meta.id, id) }),
        );
      }
      return m;
    };
    const report = (r: Report): void => {
      const message = messageOf(r.messageId);
      const s =
        r.on?.suppress?.find((x) => x.check === check.meta.id) ??
        project.fileSuppressions?.[r.location?.file ?? '']?.find((x) => x.check === check.meta.id);
      if (s && isGeneratedSuppression(s)) return;
      const count = s ? undefined : message.repeats.count(r);
      if (count && count.over(r)) return;
      const data = r.data ?? {};
      // The fields in the order the spreads of earlier versions gave them (ties are sorted by that text).
      const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
        checkId: check.meta.id,
        severity: override ?? r.severity ?? base,
        message: message.format(data),
      };
      if (r.hint) d.hint = r.hint;
      if (r.location) d.location = r.location;
      if (r.subject) d.subject = r.subject;
      d.messageId = r.messageId;
      if (hasKeys(data)) d.data = data;
      if (r.related?.length) d.related = r.related;
      if (count) {
        diagnostics.push(d);
        count.first ??= d;
      } else suppressed.push({ checkId: check.meta.id, reason: s!.reason, diagnostic: d });
    };
    const ctx: CheckContext = {
      project: v.project,
      options,
      rules: v.rules,
      dashboards: v.dashboards,
      expressions: v.expressions,
      queries: v.queries,
      recordingRules: run.recordingRules,
      get registry() {
        return registry ?? run.registry();
      },
      get alertmanager() {
        onWhole?.();
        return run.alertmanager();
      },
      alertLabels: () => run.alertLabelsIn(v, registry),
      locate: run.locate,
      report,
    };
    check.run?.(ctx);
    if (check.create) walkers.push({ check, visitor: check.create(ctx), views: v, report });
  }
  walkQueries(walkers);
  for (const d of repeats.summaries()) diagnostics.push(d);
  return { diagnostics, suppressed };
}

/** The passes' results as one: sorted by location (ties in a fixed order), each problem once. */
function finish(results: readonly LintResult[]): LintResult {
  const diagnostics = results.flatMap((r) => r.diagnostics).sort(byLocation);
  const suppressed = results.flatMap((r) => r.suppressed).sort((a, b) => byLocation(a.diagnostic, b.diagnostic));
  return { diagnostics: dedupe(diagnostics), suppressed };
}

/** compareDiagnostics, with problems it ties (same place, check and message) in the order of their other fields. */
function byLocation(a: Diagnostic, b: Diagnostic): number {
  const c = compareDiagnostics(a, b);
  if (c !== 0) return c;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/**
 * How many problems of one check, message id and subject are listed before the rest are counted
 * instead: 150,000 copies of one group made 300,000 problems and over a gigabyte. Far above what a
 * real project repeats; the count lands in one summary problem at the first of them.
 */
export const REPEAT_LIMIT = 1000;

/** The problems of one check, message id and subject: how many, the first listed, the first not listed. */
class RepeatCount {
  count = 0;
  first: Diagnostic | undefined;
  firstOmitted: Report | undefined;

  /** Counts the report; true when it is beyond the limit (then only counted). */
  over(r: Report): boolean {
    this.count++;
    if (this.count <= REPEAT_LIMIT) return false;
    this.firstOmitted ??= r;
    return true;
  }
}

/** The counts of one check and message id, by subject (the report's own string: no key string per problem). */
class RepeatCounts {
  readonly bySubject = new Map<string, RepeatCount>();

  count(r: Report): RepeatCount {
    const subject = r.subject ?? '';
    let e = this.bySubject.get(subject);
    if (!e) this.bySubject.set(subject, (e = new RepeatCount()));
    return e;
  }
}

class Repeats {
  /** By check and message id, then by subject: a run of 261,000 different problems kept one of each. */
  readonly #seen = new Map<string, RepeatCounts>();

  /** The counts of one check's message id (a report closure asks once per message id and pass). */
  of(checkId: string, messageId: string): RepeatCounts {
    const kind = `${checkId}\u0000${messageId}`;
    let c = this.#seen.get(kind);
    if (!c) this.#seen.set(kind, (c = new RepeatCounts()));
    return c;
  }

  /** One problem per capped kind: the first one's, with how many more were not listed and where the next was. */
  summaries(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { count, first, firstOmitted } of [...this.#seen.values()].flatMap((m) => [...m.bySubject.values()])) {
      if (!first || !firstOmitted) continue;
      const more = count - REPEAT_LIMIT;
      out.push({
        ...first,
        message: `${first.message}; and ${more} more like this (${count} in all, the first ${REPEAT_LIMIT} listed)`,
        data: { ...first.data, more },
        related: [
          {
            message: `the first one not listed`,
            ...(firstOmitted.location ? { location: firstOmitted.location } : {}),
          },
        ],
      });
    }
    return out;
  }
}

/** Whether an object has an own enumerable key (without listing them all). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/** A report on a query, completed from the query: where, about what, and its suppressions. */
function queryReport(q: QueryEntry, r: QueryReport): Report {
  const at = r.node ?? r.span;
  // Built field by field in the order the report's readers expect (no spread per problem).
  const out: { -readonly [K in keyof Report]: Report[K] } = {
    messageId: r.messageId,
    data: { subject: q.subject, ...r.data },
  };
  if (r.severity) out.severity = r.severity;
  if (r.hint) out.hint = r.hint;
  if (r.related) out.related = r.related;
  out.location = 'location' in r ? r.location : at ? q.locate(at.start, at.end) : q.locate(0);
  out.subject = q.subject;
  if (q.on) out.on = q.on;
  return out;
}

/**
 * Every query once, its AST walked once, for all visitors that look at its host. Each visitor gets
 * one context for the whole walk, pointing at the current query: a context per query and visitor
 * was most of the memory of a big lint run (30,000 rules: 230 MB allocated).
 */
function walkQueries(walkers: readonly Walker[]): void {
  const sets = new Map<Views, Walker[]>();
  for (const w of walkers) sets.set(w.views, [...(sets.get(w.views) ?? []), w]);
  for (const [v, ws] of sets) {
    const at: { query?: QueryEntry; parents: readonly Expr[] } = { parents: [] };
    const current = (): QueryEntry => at.query!;
    const contexts = ws.map((w): QueryContext => ({
      get query() {
        return current();
      },
      report: (r) => w.report(queryReport(current(), r)),
      get parents() {
        return at.parents;
      },
    }));
    const active: number[] = [];
    const skip: number[] = ws.map(() => Infinity);
    // Each kind's handlers by walker, looked up once: reading `visitor[n.kind]` of twenty visitor
    // shapes for every node of every query was most of the walk's own time.
    const handlers = new Map<Expr['kind'], (((node: Expr, c: QueryContext) => boolean | void) | undefined)[]>();
    const handlersOf = (kind: Expr['kind']) => {
      let h = handlers.get(kind);
      if (!h)
        handlers.set(
          kind,
          (h = ws.map((w) => w.visitor[kind] as ((node: Expr, c: QueryContext) => boolean | void) | undefined)),
        );
      return h;
    };
    for (const q of v.queries()) {
      at.query = q;
      at.parents = [];
      active.length = 0;
      ws.forEach((w, i) => {
        if (w.check.meta.hosts && !w.check.meta.hosts.includes(q.host)) return;
        if (w.visitor.query?.(contexts[i]!) === false) return;
        active.push(i);
        skip[i] = Infinity;
      });
      const root = q.result.expr;
      if (!root || active.length === 0) continue;
      walk(root, (n, path) => {
        at.parents = path;
        const depth = path.length;
        const hs = handlersOf(n.kind);
        let descend = false;
        for (const i of active) {
          if (depth > skip[i]!) continue;
          skip[i] = Infinity;
          if (hs[i]?.(n, contexts[i]!) === false) skip[i] = depth;
          else descend = true;
        }
        return descend;
      });
    }
  }
  for (const w of walkers) w.visitor.end?.();
}

/** The results of every shard of one project, as one run over the whole project would give them. */
export function mergeResults(results: readonly LintResult[]): LintResult {
  return finish(results);
}

/**
 * One problem once: the same check, message id, data and place (a query checked twice reports
 * twice). `ds` is sorted, so copies sit in one run of problems that compare equal; only such a run
 * is held in a set (a set of every problem's key was tens of megabytes at the run's peak).
 */
function dedupe(ds: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < ds.length;) {
    const first = ds[i]!;
    let end = i + 1;
    while (end < ds.length && compareDiagnostics(first, ds[end]!) === 0) end++;
    // A problem alone at its place, check and message (nearly all of them) needs no key.
    if (end === i + 1) out.push(first);
    else {
      const seen = new Set<string>();
      for (let k = i; k < end; k++) {
        const d = ds[k]!;
        const key = `${d.checkId}:${d.messageId ?? ''}:${JSON.stringify(d.data ?? {})}:${d.messageId === undefined ? d.message : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
    i = end;
  }
  return out;
}
