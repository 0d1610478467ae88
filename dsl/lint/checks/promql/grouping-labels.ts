import type { Span } from '../../../core/diagnostic.ts';
import { closest } from '../../../registry/index.ts';
import { walk, type Expr } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { canCarry, type LabelFlow } from '../../label-flow.ts';
import { inVariable, queriesOf } from '../../queries.ts';
import { registryOf } from '../../registry-view.ts';

function near(label: string, flows: readonly LabelFlow[]): string[] {
  return closest(label, new Set(flows.flatMap((f) => [...f.possible])));
}

function suggestion(label: string, flows: readonly LabelFlow[]): string {
  const near = closest(label, new Set(flows.flatMap((f) => [...f.possible])));
  if (near.length) return `did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?`;
  const all = [...new Set(flows.flatMap((f) => [...f.possible]))].sort();
  return all.length ? `the input only has ${all.join(', ')}` : 'the input has no labels at this point (an aggregation before removed them all)';
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
  },
  run(ctx) {
    const reg = registryOf(ctx);
    for (const q of queriesOf(ctx)) {
      if (!q.result.expr || !q.result.valid) continue;
      const flows = reg.flows(q);
      // Only a report reads the lenient view: computing it for every query would double the flow work.
      const lenient = (e: Expr): LabelFlow | undefined => reg.flows(q, true).get(e);
      /**
       * A label only the registry's label list rules out may still come from the deployment (a
       * target label added by relabelling): an error when it looks like a typo of a known label,
       * else a warning. What the expression itself removes is always an error.
       */
      const severityOf = (base: 'error' | 'warning', label: string, strict: readonly LabelFlow[], loose: readonly (LabelFlow | undefined)[]): 'error' | 'warning' =>
        base === 'warning' || reg.complete || loose.every((f) => f && !canCarry(f, label)) || near(label, strict).length ? base : 'warning';
      const report = (message: string, severity: 'error' | 'warning', hint: string, at: Span): void => {
        if (inVariable(q, at)) return;
        ctx.report({ message: `${message} (in ${q.subject})`, severity, hint, location: q.locate(at.start, at.end), subject: q.subject, ...(q.on ? { on: q.on } : {}) });
      };
      walk(q.result.expr, (n) => {
        if (n.kind === 'AggregateExpr' && n.grouping) {
          const input = flows.get(n.expr);
          if (!input || input.scalar) return;
          const g = n.grouping;
          for (const l of g.labels) {
            if (l === '__name__' || canCarry(input, l)) continue;
            report(`${n.op} ${g.without ? 'without' : 'by'} (${g.labels.join(', ')}): the input never has a ${JSON.stringify(l)} label`,
              severityOf(g.without ? 'warning' : 'error', l, [input], [lenient(n.expr)]), suggestion(l, [input]), g.span);
          }
        }
        if (n.kind === 'BinaryExpr') {
          const l = flows.get(n.lhs);
          const r = flows.get(n.rhs);
          if (!l || !r || l.scalar || r.scalar) return;
          const m = n.matching;
          const clause = `${n.op} ${m.on ? 'on' : 'ignoring'} (${m.labels.join(', ')})`;
          for (const x of m.explicit ? m.labels : []) {
            if (x === '__name__' || canCarry(l, x) || canCarry(r, x)) continue;
            report(`${clause}: neither side ever has a ${JSON.stringify(x)} label`, severityOf(m.on ? 'error' : 'warning', x, [l, r], [lenient(n.lhs), lenient(n.rhs)]), suggestion(x, [l, r]), n.opSpan);
          }
          if (m.card === 'many-to-one' || m.card === 'one-to-many') {
            const one = m.card === 'many-to-one' ? r : l;
            const side = m.card === 'many-to-one' ? 'right' : 'left';
            for (const x of m.include) {
              if (x === '__name__' || canCarry(one, x)) continue;
              report(`${m.card === 'many-to-one' ? 'group_left' : 'group_right'} (${m.include.join(', ')}): the ${side} side never has a ${JSON.stringify(x)} label to copy`,
                severityOf('error', x, [one], [lenient(m.card === 'many-to-one' ? n.rhs : n.lhs)]), suggestion(x, [one]), n.opSpan);
            }
          }
        }
      });
    }
  },
});
