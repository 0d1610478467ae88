import type { BinaryExpr } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { canCarry, type LabelFlow } from '../../label-flow.ts';

/** A label one side always has and the other never has, among those the match compares. */
function mismatch(n: BinaryExpr, l: LabelFlow, r: LabelFlow): { label: string; has: 'left' | 'right' } | undefined {
  const m = n.matching;
  const compared = (x: string): boolean => (m.on ? m.labels.includes(x) : !m.labels.includes(x));
  for (const x of [...l.guaranteed].sort()) if (compared(x) && !canCarry(r, x)) return { label: x, has: 'left' };
  for (const x of [...r.guaranteed].sort()) if (compared(x) && !canCarry(l, x)) return { label: x, has: 'right' };
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'promql/impossible-join',
    description: 'Both sides of a binary operation between vectors must be able to match',
    severity: 'error',
    docs: `Two vectors are joined on their labels (all of them but the name, or the \`on(...)\` list, or all but
\`ignoring(...)\`). When one side always has a label the other side never has, no pair ever matches:
\`node_filesystem_avail_bytes / sum(node_filesystem_size_bytes)\` is always empty (the right side lost
every label), an alert on it never fires, \`x and y\` is always empty and \`x unless y\` removes nothing.
Aggregate both sides to the same labels, or say which labels to match on:
\`x / on(instance) group_left sum by (instance) (y)\`. \`or\` is not reported (it keeps both sides). When
only a registry's label list says a side lacks the label (a deployment may add it by relabelling), it
is a warning.`,
    messages: {
      impossible:
        '"{{op}}" {{what}}: the {{has}} side always has a {{label}} label, the {{other}} side never does (in {{subject}})',
    },
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      query: (q) => Boolean(q.query.result.expr && q.query.result.valid),
      BinaryExpr(n, q) {
        if (n.op === 'or') return;
        const flows = reg.flows(q.query);
        const l = flows.get(n.lhs);
        const r = flows.get(n.rhs);
        if (!l || !r || l.scalar || r.scalar) return;
        const bad = mismatch(n, l, r);
        if (!bad) return;
        // Only a report reads the lenient view: computing it for every query would double the flow work.
        const lenient = reg.flows(q.query, true);
        const ll = lenient.get(n.lhs);
        const lr = lenient.get(n.rhs);
        // Proven by the expression alone, or only because the registry lists no such label?
        const proven = reg.complete || (ll !== undefined && lr !== undefined && mismatch(n, ll, lr) !== undefined);
        const what =
          n.op === 'unless'
            ? 'removes nothing'
            : n.op === 'and'
              ? 'is always empty'
              : 'never matches a pair and is always empty';
        q.report({
          ...(proven ? {} : { severity: 'warning' as const }),
          messageId: 'impossible',
          data: {
            op: n.op,
            what,
            has: bad.has,
            label: JSON.stringify(bad.label),
            other: bad.has === 'left' ? 'right' : 'left',
          },
          hint: `aggregate both sides by the same labels, or match on the shared ones: ${n.op} on(...)${n.op === 'and' || n.op === 'unless' ? '' : ' group_left'}`,
          span: n.opSpan,
        });
      },
    };
  },
});
