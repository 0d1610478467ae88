/**
 * What a parsed alert template reads: which labels (so checks can compare them with the labels the
 * alert's expression keeps), whether it shows the value, and which PromQL it runs via `query` (so
 * those strings can be checked as PromQL too).
 *
 * Dot is the alert data only outside `with`/`range` bodies and definitions; `$` is the alert data
 * everywhere in the top-level template. Anything computed (`index $labels (printf ...)`, a query
 * built with printf) is not a fixed reference and is left out.
 */
import type { ArgNode, CommandNode, ListNode, Node, PipeNode, Span, GoTemplateTree } from './ast.ts';

export interface LabelRef extends Span {
  readonly name: string;
}

export interface QueryRef extends Span {
  /** The PromQL text after unquoting; the span covers the literal with its quotes. */
  readonly expr: string;
}

export interface GoTemplateReads {
  readonly labelRefs: readonly LabelRef[];
  readonly usesValue: boolean;
  readonly queries: readonly QueryRef[];
}

interface Scope {
  /** `.` is the alert data (`.Labels`, `.Value`). */
  readonly dotIsAlert: boolean;
  /** `$` is the alert data: false inside {{define}}/{{block}} bodies. */
  readonly rootIsAlert: boolean;
}

export function analyzeGoTemplate(tree: GoTemplateTree): GoTemplateReads {
  const labelRefs: LabelRef[] = [];
  const queries: QueryRef[] = [];
  let usesValue = false;

  /** `$labels`, `.Labels` or `$.Labels` as a whole map. */
  const isLabelsMap = (a: ArgNode | undefined, s: Scope): boolean =>
    (a?.kind === 'variable' && a.ident.length === 1 && a.ident[0] === '$labels') ||
    (a?.kind === 'field' && s.dotIsAlert && a.ident.length === 1 && a.ident[0] === 'Labels') ||
    (a?.kind === 'variable' && s.rootIsAlert && a.ident.length === 2 && a.ident[0] === '$' && a.ident[1] === 'Labels');

  const arg = (a: ArgNode, s: Scope): void => {
    if (a.kind === 'pipe') return pipe(a, s);
    if (a.kind === 'chain') return arg(a.node, s);
    if (a.kind !== 'variable' && a.kind !== 'field') return;
    let path: readonly string[] | undefined;
    if (a.kind === 'field' && s.dotIsAlert) path = a.ident;
    else if (a.kind === 'variable' && a.ident[0] === '$' && s.rootIsAlert) path = a.ident.slice(1);
    else if (a.kind === 'variable' && a.ident[0] === '$labels') path = ['Labels', ...a.ident.slice(1)];
    else if (a.kind === 'variable' && a.ident[0] === '$value') path = ['Value'];
    if (path?.[0] === 'Value') usesValue = true;
    if (path?.[0] === 'Labels' && path[1] !== undefined) labelRefs.push({ name: path[1], start: a.start, end: a.end });
  };

  const command = (c: CommandNode, prev: CommandNode | undefined, s: Scope): void => {
    const [fn, a1, a2] = c.args;
    if (fn?.kind === 'identifier' && fn.name === 'query') {
      const piped = c.args.length === 1 && prev?.args.length === 1 ? prev.args[0] : undefined;
      const lit = a1 ?? piped;
      if (lit?.kind === 'string') queries.push({ expr: lit.value, start: lit.start, end: lit.end });
    }
    if (
      fn?.kind === 'identifier' &&
      fn.name === 'index' &&
      c.args.length === 3 &&
      isLabelsMap(a1, s) &&
      a2?.kind === 'string'
    ) {
      labelRefs.push({ name: a2.value, start: fn.start, end: a2.end });
    }
    for (const a of c.args) arg(a, s);
  };

  const pipe = (p: PipeNode, s: Scope): void => {
    p.cmds.forEach((c, i) => command(c, p.cmds[i - 1], s));
  };

  const node = (n: Node, s: Scope): void => {
    switch (n.kind) {
      case 'action':
        return pipe(n.pipe, s);
      case 'if':
      case 'range':
      case 'with':
        pipe(n.pipe, s);
        list(n.list, n.kind === 'if' ? s : { ...s, dotIsAlert: false });
        if (n.elseList) list(n.elseList, s);
        return;
      case 'template':
        if (n.pipe) pipe(n.pipe, s);
        return;
    }
  };

  const list = (l: ListNode, s: Scope): void => {
    for (const n of l.nodes) node(n, s);
  };

  list(tree.root, { dotIsAlert: true, rootIsAlert: true });
  for (const d of tree.definitions) list(d.list, { dotIsAlert: false, rootIsAlert: false });
  const byStart = (x: Span, y: Span): number => x.start - y.start;
  return { labelRefs: labelRefs.sort(byStart), usesValue, queries: queries.sort(byStart) };
}
