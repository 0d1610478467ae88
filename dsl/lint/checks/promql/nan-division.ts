import { walk, type AggregateExpr, type Expr } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';

const SUMMING = new Set(['sum', 'avg', 'stddev', 'stdvar']);

function strip(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** A denominator that can never be 0 (or NaN): a non-zero number, a filter `> 0`, `clamp_min(x, c > 0)`. */
function guarded(den: Expr): boolean {
  const d = strip(den);
  if (d.kind === 'NumberLiteral') return d.value !== 0 && !Number.isNaN(d.value);
  if (d.kind === 'BinaryExpr' && !d.returnBool && ['>', '>=', '!='].includes(d.op)) {
    const r = strip(d.rhs);
    if (r.kind === 'NumberLiteral') return d.op === '>' ? r.value >= 0 : d.op === '>=' ? r.value > 0 : r.value === 0;
  }
  if (d.kind === 'Call' && (d.func === 'clamp_min' || d.func === 'clamp')) {
    const min = d.args[1] ? strip(d.args[1]) : undefined;
    return min?.kind === 'NumberLiteral' && min.value > 0;
  }
  return false;
}

export default defineCheck({
  meta: {
    id: 'promql/nan-division',
    description: 'A division inside `sum`/`avg`/`stddev`/`stdvar` can turn the whole aggregate into NaN',
    severity: 'warning',
    docs: `\`sum by (job) (errors / requests)\`: for an instance with no requests, \`0 / 0\` is NaN (and
\`x / 0\` is ±Inf), and a single NaN makes the whole sum NaN: the graph has holes and the alert compares
NaN, which is never true. Divide after aggregating (\`sum(errors) / sum(requests)\`, which is also the
right way to average ratios), or guard the denominator: \`errors / (requests > 0)\` or
\`clamp_min(requests, 1)\`.`,
    messages: {
      division:
        'a division inside {{aggregation}}(): a zero denominator gives NaN or Inf, and one NaN makes the whole {{aggregation}} NaN (in {{subject}})',
      modulo:
        'a modulo inside {{aggregation}}(): a zero denominator gives NaN or Inf, and one NaN makes the whole {{aggregation}} NaN (in {{subject}})',
    },
  },
  create() {
    return {
      AggregateExpr(agg, q) {
        if (!SUMMING.has(agg.op)) return;
        walk(agg.expr, (m) => {
          if (m.kind === 'AggregateExpr') return false;
          if (m.kind !== 'BinaryExpr' || (m.op !== '/' && m.op !== '%') || guarded(m.rhs)) return;
          q.report({
            messageId: m.op === '/' ? 'division' : 'modulo',
            data: { aggregation: agg.op },
            hint: 'aggregate first and divide after (sum(a) / sum(b)), or guard the denominator: a / (b > 0)',
            span: m.opSpan,
          });
        });
      },
    };
  },
});
