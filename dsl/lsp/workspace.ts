/**
 * The language features over one TS module's unsaved text and the project's last snapshot:
 * diagnostics of the expression checks at the exact character of each PromQL text, completion of
 * metric names, label names and closed label values, hover and go-to-definition on a metric.
 *
 * The expression checks are the lint engine's own (promql/*, registry/*, and the alert checks that
 * read only the expression), run on a project made of the module's PromQL texts, as `obs lint`
 * runs them on a rule YAML file, with the project's registries and recording rules.
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import { lineIndex, type LineIndex } from '../collect/line-index.ts';
import type { ModuleDefinitions, Project } from '../collect/project.ts';
import { lintOptions } from '../config/lint-options.ts';
import type { Check, LintOptions } from '../lint/check.ts';
import { CHECKS } from '../lint/checks/index.ts';
import {
  recordingRuleEntries,
  ruleEntries,
  ruleSubject,
  type ParseCache,
  type RecordingRuleEntry,
} from '../lint/context.ts';
import { runChecks } from '../lint/engine.ts';
import { registryView, type RegistryView } from '../lint/registry-view.ts';
import { DEFAULT_VERSION, formatTarget, functionNames, lookupFunction, resolveTarget } from '../promql/index.ts';
import { AGGREGATION_DOCS, FUNCTION_DOCS } from '../promql/function-docs.ts';
import type { Rule, RuleGroup } from '../rules/index.ts';
import type { MetricType, RegistryData, SeriesInfo } from '../registry/index.ts';
import {
  extractPromQL,
  inPlaceholder,
  scanTo,
  sourceOffset,
  textOffset,
  type Embedded,
  type Extraction,
} from './extract.ts';
import type { RecordedSeries, Snapshot } from './snapshot.ts';

/** Checks that judge an expression alone (the others need the whole definition: run on save). */
const EXPRESSION_CHECK = /^(promql|registry)\/|^alerts\/(raw-counter|topk)$/;
export const LIVE_CHECKS: readonly Check[] = CHECKS.filter((c) => EXPRESSION_CHECK.test(c.meta.id));
/** Only for rule expressions: a dashboard query or an SLO selector may be any PromQL. */
const RULE_ONLY = new Set(['promql/rule-result', 'alerts/raw-counter', 'alerts/topk']);

/** A diagnostic in a module's text: UTF-16 offsets, the check's id, its hint. */
export interface TextDiagnostic {
  readonly start: number;
  readonly end: number;
  readonly diagnostic: Diagnostic;
}

export interface SeriesDescription {
  readonly name: string;
  /** What it behaves as (a histogram's `_bucket` is a counter) and what it is part of. */
  readonly type: MetricType;
  readonly help?: string;
  readonly labels: readonly string[];
  readonly values: Readonly<Record<string, readonly string[] | undefined>>;
  /** The registries that define it, or the recording rules that record it. */
  readonly from: readonly string[];
  /** Where it is defined: the registry entry, or each recording rule. */
  readonly sites: readonly SourceLocation[];
  readonly metric?: string;
  readonly recorded?: RecordedSeries;
}

export type CompletionKind = 'metric' | 'label' | 'value' | 'function';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Replaces the module's text [start, end). */
  readonly start: number;
  readonly end: number;
  readonly insert: string;
  readonly detail?: string;
  readonly documentation?: string;
}

/** The project's knowledge as the editor asks for it; rebuilt from each snapshot. */
export class Workspace {
  readonly options: LintOptions;
  readonly registry: RegistryView;
  readonly #recorded: ReadonlyMap<string, readonly RecordedSeries[]>;
  readonly #recordedRules: readonly Rule[];
  readonly #ruleModule = new Map<Rule, string>();
  readonly #recordedModules: ReadonlySet<string>;
  readonly #recordingEntries: readonly RecordingRuleEntry[];
  readonly #names: readonly string[];
  #metrics: readonly Omit<Completion, 'start' | 'end'>[] | undefined;
  readonly #snapshot: Snapshot | undefined;
  /** Parses kept between runs: the recording rules' and the open modules' texts'. */
  readonly #cache: ParseCache;
  /** The rule object of each recorded series (the same between workspaces: its parse is kept). */
  readonly #ruleOf: Map<RecordedSeries, Rule>;
  /** Per open module: its texts' rule objects by text. */
  readonly #buffers: Map<string, Map<string, Rule[]>>;
  /** Per open module: what was found in its last text (completion and hover ask about the text just checked). */
  readonly #extracted: Map<string, { readonly text: string; readonly found: Extraction }>;

  #extract(file: string, text: string): Extraction {
    const last = this.#extracted.get(file);
    if (last?.text === text) return last.found;
    const found = extractPromQL(file, text);
    this.#extracted.set(file, { text, found });
    return found;
  }

  /**
   * `previous`: the workspace this one replaces (a new snapshot, or the unsaved edits of a registry):
   * what it parsed and found in the open modules is kept.
   */
  constructor(
    readonly root: string,
    snapshot?: Snapshot,
    previous?: Workspace,
  ) {
    this.#snapshot = snapshot;
    this.#cache = previous ? previous.#cache : new Map();
    this.#buffers = previous ? previous.#buffers : new Map();
    this.#extracted = previous ? previous.#extracted : new Map();
    this.#ruleOf = new Map();
    const target = resolveTarget(snapshot?.target ?? DEFAULT_VERSION, snapshot?.features ?? []);
    this.options = snapshot
      ? lintOptions(snapshot.settings, target, snapshot.registries)
      : { target, policy: { requiredAlertLabels: {}, requiredAnnotations: [] } };
    const recorded = new Map<string, RecordedSeries[]>();
    const rules: Rule[] = [];
    for (const r of snapshot?.recorded ?? []) {
      recorded.set(r.name, [...(recorded.get(r.name) ?? []), r]);
      const rule: Rule = (previous && previous.#ruleOf.get(r)) ?? {
        kind: 'record',
        name: r.name,
        expr: r.expr,
        ...(r.labels ? { labels: r.labels } : {}),
      };
      this.#ruleOf.set(r, rule);
      this.#ruleModule.set(rule, r.module);
      rules.push(rule);
    }
    this.#recorded = recorded;
    this.#recordedRules = rules;
    // Parses of recording rules the previous workspace had and this one has not.
    for (const [r, rule] of previous ? previous.#ruleOf : []) if (!this.#ruleOf.has(r)) this.#cache.delete(rule);
    this.#recordedModules = new Set(snapshot?.recorded.map((r) => r.module));
    this.#recordingEntries = recordingRuleEntries(ruleEntries(this.#recordedProject(undefined)), target, this.#cache);
    // The registry view the checks use: the registries plus what the recording rules keep (as the lint engine builds it).
    this.registry = registryView(this.options.registry, this.#recordingEntries);
    this.#names = [...new Set([...this.registry.index.names(), ...recorded.keys()])].sort();
  }

  get snapshot(): Snapshot | undefined {
    return this.#snapshot;
  }

  /** The project's recording rules as one module (those of `skip`, whose text the editor has, left out). */
  #recordedProject(skip: string | undefined): Project {
    const rules =
      skip === undefined ? this.#recordedRules : this.#recordedRules.filter((r) => this.#ruleModule.get(r) !== skip);
    const modules: ModuleDefinitions[] = rules.length
      ? [{ module: '(recording rules)', groups: [group('(recording rules)', rules)], tests: [] }]
      : [];
    return { root: this.root, modules, diagnostics: [] };
  }

  /** The rule objects of a module's texts: the same object for the same text, so its parse is kept between edits. */
  #rulesOf(file: string, texts: readonly Embedded[], lines: LineIndex): Rule[] {
    const before = this.#buffers.get(file) ?? new Map<string, Rule[]>();
    const now = new Map<string, Rule[]>();
    const rules = texts.map((e, i) => {
      const key = `${e.records ?? ''}\u0000${e.alertName ?? ''}\u0000${e.suppress.map((x) => x.check).join(',')}\u0000${e.text}`;
      const reused = before.get(key)?.shift();
      const rule: Rule =
        reused ??
        (e.records !== undefined
          ? {
              kind: 'record',
              name: e.records,
              expr: e.text,
              site: { file, ...lines.pointAt(e.start) },
              suppress: e.suppress,
            }
          : {
              kind: 'alert',
              name: e.alertName ?? `expression ${i + 1}`,
              expr: e.text,
              site: { file, ...lines.pointAt(e.start) },
              suppress: e.suppress,
            });
      now.set(key, [...(now.get(key) ?? []), rule]);
      return rule;
    });
    // Texts edited away: their parses go.
    for (const list of before.values()) for (const r of list) this.#cache.delete(r);
    this.#buffers.set(file, now);
    return rules;
  }

  /** Forgets what was kept for a module's text (its document was closed). */
  forget(file: string): void {
    for (const list of this.#buffers.get(file)?.values() ?? []) for (const r of list) this.#cache.delete(r);
    this.#buffers.delete(file);
    this.#extracted.delete(file);
  }

  /**
   * The expression checks' problems in a module's text (`file` relative to the project root), and
   * the spans of the PromQL texts they cover.
   */
  check(file: string, text: string): { diagnostics: TextDiagnostic[]; spans: { start: number; end: number }[] } {
    const { texts: embedded, fileSuppressions } = this.#extract(file, text);
    const spans = embedded.map((e) => ({ start: e.start, end: e.end }));
    if (embedded.length === 0) {
      this.forget(file);
      return { diagnostics: [], spans };
    }
    const lines = lineIndex(text);
    const rules = this.#rulesOf(file, embedded, lines);
    const bySite = new Map<SourceLocation, Embedded>();
    const subjects = new Map<string, string>();
    rules.forEach((rule, i) => {
      const e = embedded[i] as Embedded;
      if (rule.site) bySite.set(rule.site, e);
      subjects.set(ruleSubject(rule), describe(e, lines));
    });
    const mine = { module: file, groups: [group('(editor)', rules)], tests: [] };
    const project: Project = {
      root: this.root,
      modules: [mine],
      diagnostics: [],
      ...(fileSuppressions.length ? { fileSuppressions: { [file]: fileSuppressions } } : {}),
      locate: (site, _text, offset) => {
        const e = site ? bySite.get(site) : undefined;
        return e ? { file, ...lines.pointAt(sourceOffset(e, offset)) } : undefined;
      },
    };
    // The project's recording rules are read, not checked again; the same list between edits keeps the
    // registry view (and what it computed of the recorded series) too. A module that records series
    // itself puts its own, as edited, in place of those of its saved version.
    const ownRecords = rules.some((r) => r.kind === 'record') || this.#recordedModules.has(file);
    const recordingRules = ownRecords
      ? recordingRuleEntries(
          ruleEntries({ ...this.#recordedProject(file), modules: [mine, ...this.#recordedProject(file).modules] }),
          this.options.target,
          this.#cache,
        )
      : this.#recordingEntries;
    const out: TextDiagnostic[] = [];
    for (const d of runChecks(project, LIVE_CHECKS, this.options, undefined, { cache: this.#cache, recordingRules })
      .diagnostics) {
      const loc = d.location;
      if (!loc || loc.file !== file) continue;
      const start = lines.offsetOf(loc.line, loc.column);
      const end =
        loc.endLine !== undefined && loc.endColumn !== undefined ? lines.offsetOf(loc.endLine, loc.endColumn) : start;
      const e = embedded.find((x) => start >= x.start && start <= x.end);
      if (!e || inPlaceholder(e, start, end)) continue;
      if (RULE_ONLY.has(d.checkId) && !e.alert && e.records === undefined) continue;
      out.push({ start, end: Math.max(start, end), diagnostic: { ...d, message: resubject(d.message, subjects) } });
    }
    return { diagnostics: out, spans };
  }

  /**
   * What a hover at source offset `offset` shows: a metric (type, help, labels, origin), a label
   * name (the metrics of the expression that have it, its closed values and where they come from),
   * or a function or aggregation (signature, what it does).
   */
  hoverAt(file: string, text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
    const w = this.#nameAt(file, text, offset);
    if (!w) return undefined;
    const { embedded: e, word, a, b, s } = w;
    const span = { start: w.start, end: w.end };
    const after = e.text.slice(b);
    // A label: a matcher's name inside a selector's braces, or a name in `by (...)`, `on (...)`, ...
    const inSelector = s.open === '{' && /^\s*(=~|!~|!=|=)/.test(after);
    const inGrouping = s.open === '(' && GROUPING.test(e.text.slice(0, s.openAt + 1));
    if (inSelector || inGrouping) {
      const metric = inSelector ? selectorMetric(e.text, s.openAt) : undefined;
      const metrics = metric ? [metric] : this.#metricsIn(e.text);
      return { markdown: this.#labelMarkdown(word, metrics, metric !== undefined), ...span };
    }
    if (/^\s*\(/.test(after) || (AGGREGATION_DOCS[word] && /^\s*(by|without)\b/i.test(after))) {
      const f = this.#functionMarkdown(word);
      if (f) return { markdown: f, ...span };
    }
    const d = this.describe(word);
    return d ? { markdown: seriesMarkdown(d), ...span } : undefined;
  }

  /** The known series named in an expression. */
  #metricsIn(text: string): string[] {
    return [...new Set([...text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((m) => m[0]))].filter(
      (n) => this.registry.known(n) || this.#recorded.has(n),
    );
  }

  #labelMarkdown(label: string, metrics: readonly string[], selector: boolean): string {
    const having: string[] = [];
    const values: string[] = [];
    for (const m of metrics) {
      const d = this.describe(m);
      const labels = this.registry.labelsOf(m)?.labels ?? d?.labels ?? [];
      if (!labels.includes(label)) continue;
      having.push(m);
      const v = d?.values[label];
      if (v?.length) values.push(`${v.map((x) => `"${x}"`).join(' | ')} (${m}, ${d?.from[0] ?? ''})`);
    }
    const target = this.registry.index.registries.filter((r) => r.targetLabels.includes(label)).map((r) => r.name);
    const lines = [`**${label}** · label`];
    if (having.length) lines.push('', `on ${having.map((m) => `\`${m}\``).join(', ')}`);
    else if (metrics.length)
      lines.push(
        '',
        `not a label of ${metrics.map((m) => `\`${m}\``).join(', ')}${selector ? '' : ' (the metrics of this expression)'}`,
      );
    if (values.length) lines.push('', `closed values: ${values.join('; ')}`);
    if (label === 'job') {
      const jobs = this.registry.index.registries.flatMap((r) =>
        (r.jobs ?? []).map((j) => `"${j}" (registry ${r.name})`),
      );
      if (jobs.length) lines.push('', `jobs: ${jobs.join(', ')}`);
    }
    if (target.length)
      lines.push('', `a target label (added by Prometheus at scrape) of registry ${target.join(', ')}`);
    return lines.join('\n');
  }

  #functionMarkdown(name: string): string | undefined {
    const agg = AGGREGATION_DOCS[name];
    if (agg) return [`**${name}** · aggregation`, '', '```promql', agg.signature, '```', '', agg.doc].join('\n');
    const f = lookupFunction(name, this.options.target);
    if (!f) return undefined;
    const args = f.args.map((a, i) => (f.variadic !== 0 && i === f.args.length - 1 ? `${a}...` : a));
    const since = `${f.since[0]}.${f.since[1]}`;
    return [
      `**${name}** · function${f.experimental ? ' (experimental: --enable-feature=promql-experimental-functions)' : ''}`,
      '',
      '```promql',
      `${name}(${args.join(', ')}) → ${f.returns}`,
      '```',
      '',
      FUNCTION_DOCS[name] ?? '',
      '',
      `Prometheus ${since} and later (checked for ${formatTarget(this.options.target)})`,
    ].join('\n');
  }

  /** What a series name is, from the registries or the recording rules; undefined when unknown. */
  describe(series: string): SeriesDescription | undefined {
    const recorded = this.#recorded.get(series);
    if (recorded?.length) {
      const labels = this.registry.labelsOf(series);
      return {
        name: series,
        type: this.registry.typeOf(series) ?? 'unknown',
        labels: labels?.labels ?? [],
        values: {},
        from: recorded.map((r) => `recording rule ${r.name} (group ${r.group}, ${r.module})`),
        sites: recorded.flatMap((r) => (r.site ? [r.site] : [])),
        recorded: recorded[0],
      };
    }
    const info: SeriesInfo | undefined = this.registry.index.lookup(series);
    if (!info) return undefined;
    const regs: RegistryData[] = this.registry.index.registries.filter((r) => Object.hasOwn(r.metrics, info.metric));
    const sites = regs.flatMap((r) => {
      const site = r.metrics[info.metric]?.site ?? r.site;
      return site ? [site] : [];
    });
    return {
      name: series,
      type: info.behavesAs,
      ...(info.def.help ? { help: info.def.help } : {}),
      labels: info.labels,
      values: info.values,
      from: regs.map((r) => `registry ${r.name}`),
      sites,
      metric: info.metric,
    };
  }

  /** The PromQL text of the module at source offset `offset`, with the offset in it. */
  at(file: string, text: string, offset: number): { embedded: Embedded; offset: number } | undefined {
    for (const e of this.#extract(file, text).texts) {
      if (offset <= e.start || offset >= e.end) continue;
      const t = textOffset(e, offset);
      if (t !== undefined) return { embedded: e, offset: t };
    }
    return undefined;
  }

  /** The series name under source offset `offset`, with its span in the module's text. */
  seriesAt(file: string, text: string, offset: number): { name: string; start: number; end: number } | undefined {
    const w = this.#nameAt(file, text, offset);
    return w ? { name: w.word, start: w.start, end: w.end } : undefined;
  }

  /**
   * The name (metric, label, function) under source offset `offset` outside strings and
   * placeholders: its text, its bounds [a, b) in the PromQL text and [start, end) in the module's,
   * and the bracket it stands in.
   */
  #nameAt(file: string, text: string, offset: number) {
    const hit = this.at(file, text, offset);
    if (!hit) return undefined;
    const { embedded: e, offset: t } = hit;
    let a = t;
    let b = t;
    while (a > 0 && NAME_CHAR.test(e.text[a - 1] ?? '')) a--;
    while (b < e.text.length && NAME_CHAR.test(e.text[b] ?? '')) b++;
    const word = e.text.slice(a, b);
    if (!word || /^[0-9]/.test(word) || inPlaceholder(e, sourceOffset(e, a))) return undefined;
    const s = scanTo(e.text, a);
    if (s.quoted) return undefined;
    return { embedded: e, word, a, b, s, start: sourceOffset(e, a), end: sourceOffset(e, b) };
  }

  /** Completions at source offset `offset` of a module's text. */
  complete(file: string, text: string, offset: number): Completion[] {
    const hit = this.at(file, text, offset);
    if (!hit) return [];
    const { embedded: e, offset: t } = hit;
    const before = e.text.slice(0, t);
    const s = scanTo(e.text, t);
    const word = /[a-zA-Z_:][a-zA-Z0-9_:]*$/.exec(before)?.[0] ?? '';
    const from = sourceOffset(e, t - word.length);
    if (s.open === '{' || s.quoted) {
      const metric = selectorMetric(e.text, s.openAt);
      if (s.quoted) {
        const m = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*["'`]([^"'`\\]*)$/.exec(before);
        if (!m || s.open !== '{') return [];
        const typed = m[3] ?? '';
        return this.#values(metric, m[1] ?? '').map((v) => ({
          label: v,
          kind: 'value',
          start: sourceOffset(e, t - typed.length),
          end: offset,
          insert: v,
          detail: `${m[1]} of ${metric ?? 'any metric'}`,
        }));
      }
      const m = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*$/.exec(before);
      if (m) {
        return this.#values(metric, m[1] ?? '').map((v) => ({
          label: `"${v}"`,
          kind: 'value',
          start: offset,
          end: offset,
          insert: `"${v}"`,
          detail: `${m[1]} of ${metric ?? 'any metric'}`,
        }));
      }
      return this.#labels(metric ? [metric] : []).map((l) => ({
        label: l,
        kind: 'label',
        start: from,
        end: offset,
        insert: l,
        detail: metric ? `label of ${metric}` : 'label',
      }));
    }
    if (s.open === '(' && GROUPING.test(e.text.slice(0, s.openAt + 1))) {
      return this.#labels(this.#metricsIn(e.text)).map((l) => ({
        label: l,
        kind: 'label',
        start: from,
        end: offset,
        insert: l,
        detail: 'label',
      }));
    }
    if (s.open === '[') return [];
    return this.#metricDetails().map((m) => ({ ...m, start: from, end: offset }));
  }

  /** Every known series with its type, origin and help, computed on the first completion. */
  #metricDetails(): readonly Omit<Completion, 'start' | 'end'>[] {
    return (this.#metrics ??= [
      ...this.#names.map((n) => {
        const d = this.describe(n);
        return {
          label: n,
          kind: 'metric' as const,
          insert: n,
          ...(d ? { detail: `${d.type} · ${d.from[0] ?? ''}`, ...(d.help ? { documentation: d.help } : {}) } : {}),
        };
      }),
      // PromQL's functions of the target version, after the metrics.
      ...functionNames(this.options.target).map((f) => ({
        label: f,
        kind: 'function' as const,
        insert: f,
        detail: `function (Prometheus ${formatTarget(this.options.target)})`,
      })),
    ]);
  }

  #labels(metrics: readonly string[]): string[] {
    const out = new Set<string>();
    for (const m of metrics)
      for (const l of this.registry.labelsOf(m)?.labels ?? this.describe(m)?.labels ?? []) out.add(l);
    if (metrics.length === 0)
      for (const r of this.registry.index.registries) for (const l of r.targetLabels) out.add(l);
    return [...out].sort();
  }

  #values(metric: string | undefined, label: string): string[] {
    if (metric) return [...(this.describe(metric)?.values[label] ?? [])];
    const out = new Set<string>();
    for (const r of this.registry.index.registries) {
      if (label === 'job') for (const j of r.jobs ?? []) out.add(j);
      for (const def of Object.values(r.metrics)) for (const v of def.values[label] ?? []) out.add(v);
    }
    return [...out].sort();
  }
}

const NAME_CHAR = /[a-zA-Z0-9_:]/;
/** Text ending in the parenthesis of a label list. */
const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\($/i;

function group(name: string, rules: readonly Rule[]): RuleGroup {
  return { kind: 'rule-group', name, rules };
}

/** The metric name written right before the selector brace at `brace`, or its `__name__` matcher. */
function selectorMetric(text: string, brace: number): string | undefined {
  const m = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/.exec(text.slice(0, Math.max(brace, 0)));
  if (m && !/^(by|without|on|ignoring|group_left|group_right)$/i.test(m[1] ?? '')) return m[1];
  const inner = /__name__\s*=\s*["']([a-zA-Z_:][a-zA-Z0-9_:]*)["']/.exec(text.slice(brace));
  return inner?.[1];
}

function describe(e: Embedded, lines: LineIndex): string {
  const line = lines.pointAt(e.start).line;
  if (e.records !== undefined) return `recording rule ${JSON.stringify(e.records)}`;
  if (e.alertName !== undefined) return `alert ${JSON.stringify(e.alertName)}`;
  return `the ${e.alert ? 'alert expression' : e.context === 'dashboard' ? 'query' : 'expression'} at line ${line}`;
}

/** Messages name the synthetic rule ("alert \"expression 2\""); they name what the author wrote instead. */
function resubject(message: string, subjects: ReadonlyMap<string, string>): string {
  let out = message;
  for (const [from, to] of subjects) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/** What a hover or a completion's documentation says of a series (Markdown). */
export function seriesMarkdown(d: SeriesDescription): string {
  const lines = [`**${d.name}** · ${d.type}${d.metric && d.metric !== d.name ? ` (series of ${d.metric})` : ''}`];
  if (d.help) lines.push('', d.help);
  if (d.labels.length) {
    lines.push(
      '',
      `labels: ${d.labels
        .map((l) => {
          const v = d.values[l];
          return v?.length ? `\`${l}\` (${v.map((x) => `"${x}"`).join(' | ')})` : `\`${l}\``;
        })
        .join(', ')}`,
    );
  }
  if (d.recorded) lines.push('', '```promql', d.recorded.expr, '```');
  lines.push('', `from ${d.from.join('; ')}`);
  return lines.join('\n');
}
