import type { Span } from '../../../core/diagnostic.ts';
import { didYouMean, suggester } from '../../../registry/index.ts';
import type { Expr } from '../../../promql/index.ts';
import { defineCheck, type QueryContext } from '../../check.ts';
import { canCarry, type LabelFlow } from '../../label-flow.ts';
import { inVariable } from '../../queries.ts';

/** What is said about one label missing from one or two flows: the closest labels and the hint. */
interface Suggestion {
  readonly near: readonly string[];
  readonly hint: string;
}

/**
 * "Did you mean" and the hint for labels missing from one or two flows, kept by the flows and the
 * label: flows are interned (see label-flow.ts), and 20,000 rules report thousands of problems on
 * a few dozen distinct inputs and labels. One per check run.
 */
class Suggestions {
  readonly #byFlows = new Map<
    LabelFlow,
    Map<LabelFlow | undefined, { near: (label: string) => string[]; all: string[]; byLabel: Map<string, Suggestion> }>
  >();

  of(label: string, flows: readonly LabelFlow[]): Suggestion {
    const [a, b] = flows as [LabelFlow, LabelFlow | undefined];
    let byOther = this.#byFlows.get(a);
    if (!byOther) this.#byFlows.set(a, (byOther = new Map()));
    let s = byOther.get(b);
    if (!s) {
      const all = [...new Set(flows.flatMap((f) => [...f.possible]))].sort();
      byOther.set(b, (s = { near: suggester(all), all, byLabel: new Map() }));
    }
    let found = s.byLabel.get(label);
    if (!found) {
      const near = s.near(label);
      const hint = near.length
        ? didYouMean(near)
        : s.all.length
          ? `the input only has ${s.all.join(', ')}`
          : 'the input has no labels at this point (an aggregation before removed them all)';
      s.byLabel.set(label, (found = { near, hint }));
    }
    return found;
  }
}

export default defineCheck({
  meta: {
    id: 'promql/grouping-labels',
    description: '`by`, `without`, `on`, `ignoring` and `group_left/right` must name labels their input can have',
    severity: 'error',
    docs: `\`sum by (instnace) (...)\` groups by a label no series has: everything lands in one group and the
result has no labels. \`sum by (cluster) (sum(errors))\` is the same mistake one step removed: the inner
\`sum\` already dropped \`cluster\`. The label flow analysis (see \`alerts/template-labels\`) knows which
labels each sub-expression can carry: registry metrics carry their declared and target labels,
recording rules what their expression keeps, aggregations their \`by\` labels. Reported as an **error**:
\`by\` and \`on\` labels the input cannot have, \`group_left/right\` labels the other side cannot have.
As a **warning**: \`without\`/\`ignoring\` labels that are never there (they do nothing), and labels
that only the registry's label lists rule out and that are no near miss of a known label (a deployment
may add target labels such as \`namespace\` by relabelling: list them in the registry's
\`targetLabels\`). Inputs with unknown labels (metrics without a registry) are not checked.`,
    messages: {
      grouping: '{{clause}}: the input never has a {{label}} label (in {{subject}})',
      matching: '{{clause}}: neither side ever has a {{label}} label (in {{subject}})',
      include: '{{clause}}: the {{side}} side never has a {{label}} label to copy (in {{subject}})',
    },
  },
  create(ctx) {
    const reg = ctx.registry;
    /**
     * A label only the registry's label list rules out may still come from the deployment (a
     * target label added by relabelling): an error when it looks like a typo of a known label,
     * else a warning. What the expression itself removes is always an error.
     */
    const suggestions = new Suggestions();
    // `loose` is asked last: the lenient flows are computed only when nothing before decides.
    const severityOf = (
      base: 'error' | 'warning',
      label: string,
      suggestion: Suggestion,
      loose: () => readonly (LabelFlow | undefined)[],
    ): 'error' | 'warning' =>
      base === 'warning' || reg.complete || suggestion.near.length || loose().every((f) => f && !canCarry(f, label))
        ? base
        : 'warning';
    // Only a report reads the lenient view: computing it for every query would double the flow work.
    const lenient = (q: QueryContext, e: Expr): LabelFlow | undefined => reg.flows(q.query, true).get(e);
    const report = (
      q: QueryContext<'grouping' | 'matching' | 'include'>,
      messageId: 'grouping' | 'matching' | 'include',
      data: Record<string, string>,
      severity: 'error' | 'warning',
      hint: string,
      at: Span,
    ): void => {
      if (!inVariable(q.query, at)) q.report({ messageId, data, severity, hint, span: at });
    };
    return {
      query: (q) => Boolean(q.query.result.expr && q.query.result.valid),
      AggregateExpr(n, q) {
        if (!n.grouping) return;
        const input = reg.flows(q.query).get(n.expr);
        if (!input || input.scalar) return;
        const g = n.grouping;
        for (const l of g.labels) {
          if (l === '__name__' || canCarry(input, l)) continue;
          const suggestion = suggestions.of(l, [input]);
          report(
            q,
            'grouping',
            { clause: `${n.op} ${g.without ? 'without' : 'by'} (${g.labels.join(', ')})`, label: JSON.stringify(l) },
            severityOf(g.without ? 'warning' : 'error', l, suggestion, () => [lenient(q, n.expr)]),
            suggestion.hint,
            g.span,
          );
        }
      },
      BinaryExpr(n, q) {
        const m = n.matching;
        const joins = m.card === 'many-to-one' || m.card === 'one-to-many';
        // Most operators name no label: their query's flows are not needed then.
        if (!(m.explicit && m.labels.length > 0) && !(joins && m.include.length > 0)) return;
        const flows = reg.flows(q.query);
        const l = flows.get(n.lhs);
        const r = flows.get(n.rhs);
        if (!l || !r || l.scalar || r.scalar) return;
        for (const x of m.explicit ? m.labels : []) {
          if (x === '__name__' || canCarry(l, x) || canCarry(r, x)) continue;
          const suggestion = suggestions.of(x, [l, r]);
          report(
            q,
            'matching',
            { clause: `${n.op} ${m.on ? 'on' : 'ignoring'} (${m.labels.join(', ')})`, label: JSON.stringify(x) },
            severityOf(m.on ? 'error' : 'warning', x, suggestion, () => [lenient(q, n.lhs), lenient(q, n.rhs)]),
            suggestion.hint,
            n.opSpan,
          );
        }
        if (joins) {
          const one = m.card === 'many-to-one' ? r : l;
          const side = m.card === 'many-to-one' ? 'right' : 'left';
          for (const x of m.include) {
            if (x === '__name__' || canCarry(one, x)) continue;
            const suggestion = suggestions.of(x, [one]);
            report(
              q,
              'include',
              {
                clause: `${m.card === 'many-to-one' ? 'group_left' : 'group_right'} (${m.include.join(', ')})`,
                side,
                label: JSON.stringify(x),
              },
              severityOf('error', x, suggestion, () => [lenient(q, m.card === 'many-to-one' ? n.rhs : n.lhs)]),
              suggestion.hint,
              n.opSpan,
            );
          }
        }
      },
    };
  },
});
