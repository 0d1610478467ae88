/**
 * Every text a definition carries into out/, with the definition it belongs to: a rule's name,
 * expression, labels and annotations, a group's name and labels, and every string anywhere in a
 * dashboard (titles, descriptions, links, queries, the `extra` escape hatch), each with the nearest
 * call site and the suppressions that apply. Checks that judge text as text (secrets) read these.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import { cacheKey, runCache } from '../core/session.ts';
import { exprText } from '../promql/template.ts';
import type { Rule, RuleGroup } from '../rules/index.ts';
import { ruleSubject } from './context.ts';

export interface EmittedText {
  readonly text: string;
  /** e.g. `annotation "runbook_url" of alert ApiDown`, `dashboard "API" links[0].url`. */
  readonly what: string;
  readonly subject: string;
  /** Where the definition holding it was written (the text is looked for after it). */
  readonly site?: SourceLocation;
  readonly on: { readonly suppress?: readonly { readonly check: string; readonly reason: string }[] };
}

type Suppressible = {
  readonly suppress?: readonly { readonly check: string; readonly reason: string }[];
  readonly site?: SourceLocation;
};

/**
 * A text of a rule or group. What it is and whose it is are worded only when asked for (a report):
 * every text is scanned, few are reported, and 20,000 rules' texts made 60,000 such strings a pass.
 */
class RuleText implements EmittedText {
  constructor(
    readonly text: string,
    /** `expression`, `name`, `label` or `annotation`. */
    private readonly field: string,
    /** The label's or annotation's name. */
    private readonly key: string,
    readonly on: Rule | RuleGroup,
  ) {}

  get subject(): string {
    return this.on.kind === 'rule-group' ? `group ${JSON.stringify(this.on.name)}` : ruleSubject(this.on);
  }

  get what(): string {
    if (this.field === 'expression' || this.field === 'name') return `the ${this.field} of ${this.subject}`;
    return `${this.field} ${JSON.stringify(this.key)} of ${this.subject}`;
  }

  get site(): SourceLocation | undefined {
    return this.on.site;
  }
}

/** The texts of each project a run checks, listed once: the secret scan, the secrets check and the unencodable-text check read the same list. */
const EMITTED_TEXTS = cacheKey('lint/emitted-texts', () => new WeakMap<Project, readonly EmittedText[]>());

/** Every text `project` emits (see EmittedText), listed once per run (outside a session, each time). */
export function emittedTexts(project: Project): readonly EmittedText[] {
  const memo = runCache(EMITTED_TEXTS);
  let texts = memo.get(project);
  if (!texts) memo.set(project, (texts = listTexts(project)));
  return texts;
}

function listTexts(project: Project): EmittedText[] {
  const out: EmittedText[] = [];
  for (const m of project.modules) {
    for (const g of m.groups) {
      out.push(new RuleText(String(g.name), 'name', '', g));
      for (const [k, v] of Object.entries(g.labels ?? {})) out.push(new RuleText(v, 'label', k, g));
      for (const rule of g.rules) {
        out.push(new RuleText(exprText(rule.expr), 'expression', '', rule));
        for (const [k, v] of Object.entries(rule.labels ?? {})) out.push(new RuleText(v, 'label', k, rule));
        if (rule.kind === 'alert')
          for (const [k, v] of Object.entries(rule.annotations ?? {})) out.push(new RuleText(v, 'annotation', k, rule));
      }
    }
  }
  for (const e of project.dashboards ?? []) {
    const subject = `dashboard ${JSON.stringify(e.dashboard.title)}`;
    walk(e.dashboard, '', e.dashboard, subject, out, new Set());
  }
  return out.filter((t) => typeof t.text === 'string' && t.text !== '');
}

/** Strings anywhere in a dashboard value; the nearest object with a call site is where they were written. */
function walk(
  v: unknown,
  path: string,
  owner: Suppressible,
  subject: string,
  out: EmittedText[],
  seen: Set<object>,
): void {
  if (typeof v === 'string') {
    out.push({
      text: v,
      what: `${subject} ${path || 'value'}`,
      subject,
      ...(owner.site ? { site: owner.site } : {}),
      on: owner,
    });
    return;
  }
  if (typeof v !== 'object' || v === null || seen.has(v)) return;
  seen.add(v);
  const here = (v as Suppressible).site !== undefined ? (v as Suppressible) : owner;
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, here, subject, out, seen));
  else {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'site' || k === 'suppress' || k === 'kind') continue;
      walk(x, path ? `${path}.${k}` : k, here, subject, out, seen);
    }
  }
}
