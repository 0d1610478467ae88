import { COMPARISON_OPS, walk, type BinaryExpr, type Expr } from '../../../promql/ast.ts';
import { metricNameOf } from '../../../promql/analyze.ts';
import { defineCheck } from '../../check.ts';
import { ALERT_STATE_SERIES } from '../../registry-view.ts';

// Series that exist only while something holds: absent() answers when its input is missing, and
// the alert-state series (registry view) exist only for pending or firing alerts.
const ABSENCE = new Set(['absent', 'absent_over_time']);

/**
 * Whether each node of `root` can return no series although every series it reads exists: a
 * comparison without `bool`, `and`, `unless`, absent(), or a series that is itself conditional.
 * Children are decided before their parents (reverse pre-order), so a chain of any length is fine.
 */
function conditions(root: Expr, recorded: (name: string) => boolean): Map<Expr, boolean> {
  const order: Expr[] = [];
  walk(root, (n) => void order.push(n));
  const cond = new Map<Expr, boolean>();
  const of = (e: Expr): boolean => cond.get(e) ?? false;
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i] as Expr;
    cond.set(n, decide(n, of, recorded));
  }
  return cond;
}

function decide(n: Expr, of: (e: Expr) => boolean, recorded: (name: string) => boolean): boolean {
  switch (n.kind) {
    case 'VectorSelector': {
      const name = metricNameOf(n);
      return name !== undefined && (ALERT_STATE_SERIES.has(name) || recorded(name));
    }
    case 'MatrixSelector':
      return of(n.selector);
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'AggregateExpr':
      return of(n.expr);
    case 'Call':
      return ABSENCE.has(n.func) || n.args.some(of);
    case 'BinaryExpr':
      if (n.op === 'and' || n.op === 'unless') return true;
      if (COMPARISON_OPS.has(n.op) && !n.returnBool) return true;
      if (n.op === 'or') return of(n.lhs) && of(n.rhs);
      return of(n.lhs) || of(n.rhs);
    default:
      return false;
  }
}

export default defineCheck({
  meta: {
    id: 'alerts/comparison',
    description: 'An alert expression must have a condition, or it fires for every series it reads',
    severity: 'warning',
    docs: `Prometheus fires an alert for every series its expression returns. \`up{job="api"}\` or
\`rate(errors_total[5m])\` return a series for every target, so the alert is always firing: it needs a
condition (\`up{job="api"} == 0\`, \`rate(errors_total[5m]) > 1\`), or a filter (\`and\`, \`unless\`,
\`absent()\`). A comparison with \`bool\` returns 0 or 1 instead of filtering, and one side of \`or\` without a
condition returns series whatever the other side does. Series recorded by a rule that has a condition
count as one. An alert that must always fire (a dead man's switch on \`vector(1)\`) is suppressed with
that reason.`,
    messages: {
      noCondition: '{{subject}} has no condition: its expression {{returns}}, so the alert is always firing',
      bool: '{{subject}} compares with bool, which returns 0 or 1 for every series instead of filtering them, so the alert is always firing',
      orAlways:
        '{{subject}} has a side of `or` without a condition, so the expression always returns series and the alert is always firing',
    },
    hosts: ['alert'],
  },
  create(ctx) {
    // Whether a recorded series is conditional follows its rules (those that parse: the registry
    // view's definition of recorded); rules can read other recorded series, so decisions are
    // memoised and a cycle counts as unconditional.
    const decided = new Map<string, boolean>();
    const recorded = (name: string): boolean => {
      const known = decided.get(name);
      if (known !== undefined) return known;
      const exprs = ctx.registry.recordedExprs(name);
      decided.set(name, false);
      const result = exprs.length > 0 && exprs.every((e) => conditions(e, recorded).get(e) ?? false);
      decided.set(name, result);
      return result;
    };
    return {
      query(q) {
        // An expression that does not type-check has promql/syntax's error; its meaning is not known.
        const root = q.query.result.valid ? q.query.result.expr : undefined;
        if (!root) return false;
        const cond = conditions(root, recorded);
        if (cond.get(root)) return false;
        const cause = causeOf(root, cond);
        if (cause?.op === 'or') {
          q.report({
            messageId: 'orAlways',
            hint: 'give both sides of or a condition, or alert on them separately',
            span: cause.opSpan,
          });
        } else if (cause) {
          q.report({
            messageId: 'bool',
            hint: `drop bool so that ${cause.op} keeps only the series that match`,
            span: cause.opSpan,
          });
        } else {
          q.report({
            messageId: 'noCondition',
            data: {
              returns: readsSeries(root) ? 'returns a series for every one it reads' : 'always returns a series',
            },
            hint: 'compare with a threshold (… > 0.05, … == 0) or filter with unless/and',
            span: root,
          });
        }
        return false;
      },
    };
  },
});

/** The first `or` with one conditional side, else the first bool comparison, in reading order. */
function causeOf(root: Expr, cond: Map<Expr, boolean>): BinaryExpr | undefined {
  let or: BinaryExpr | undefined;
  let bool: BinaryExpr | undefined;
  walk(root, (n) => {
    if (n.kind !== 'BinaryExpr') return;
    if (!or && n.op === 'or' && (cond.get(n.lhs) || cond.get(n.rhs))) or = n;
    if (!bool && n.returnBool && COMPARISON_OPS.has(n.op)) bool = n;
  });
  return or ?? bool;
}

function readsSeries(root: Expr): boolean {
  let found = false;
  walk(root, (n) => {
    if (n.kind === 'VectorSelector') found = true;
    return !found;
  });
  return found;
}
