import { walk, type Expr } from '../../../promql/index.ts';
import { formatNumber } from '../../../promql/template.ts';
import { defineCheck } from '../../check.ts';
import type { RecordingRuleEntry } from '../../context.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

const unparen = (e: Expr): Expr => {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
};

/** The one classic histogram a histogram_quantile(...) reads, by base name, and the job it names. */
function histogramOf(call: Expr, isRecorded: (name: string) => boolean): { name: string; job?: string } | undefined {
  const found = new Map<string, string | undefined>();
  walk(call, (n) => {
    if (n.kind !== 'VectorSelector') return;
    const name = metricNameOfSelector(n);
    if (name?.endsWith('_bucket') && !isRecorded(name)) found.set(name.slice(0, -'_bucket'.length), selectorJob(n));
  });
  const [only] = found;
  return found.size === 1 && only ? { name: only[0], ...(only[1] !== undefined ? { job: only[1] } : {}) } : undefined;
}

/** `q > n` as `q` compared with `n` from q's side: `n < q` is `q > n`. */
const FLIPPED: Readonly<Record<string, string>> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

export default defineCheck({
  meta: {
    id: 'registry/quantile-beyond-buckets',
    description: "A histogram_quantile compared with a value above the histogram's top bucket can never be true",
    severity: 'error',
    docs: `\`histogram_quantile\` cannot return more than the highest finite bucket bound: a quantile that
falls in the \`+Inf\` bucket is reported as that bound. With prometheus_client's default buckets
(up to 10 s), \`histogram_quantile(0.95, ...) > 30\` is never true, and the alert never fires however
slow the service gets. When the registry declares the histogram's buckets
(\`histogram({ buckets })\`), a \`>\` comparison with a value at or above the top bound (or \`>=\` above
it) is reported: add buckets above the threshold in the application, or lower the threshold.`,
    messages: {
      never:
        'histogram_quantile of {{histogram}} {{op}} {{value}} is never true: its highest bucket bound is {{top}} (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    // A recorded quantile (`job:latency_seconds:p95_5m`, recorded by one rule) is compared as the
    // quantile it records; its rule is parsed only when a comparison reads it.
    const rulesByName = new Map<string, RecordingRuleEntry[]>();
    for (const r of ctx.recordingRules()) {
      const same = rulesByName.get(r.rule.name);
      if (same) same.push(r);
      else rulesByName.set(r.rule.name, [r]);
    }
    const isQuantile = (e: Expr | undefined): boolean => e?.kind === 'Call' && e.func === 'histogram_quantile';
    /** The histogram_quantile call `e` is, or the one the recording rule it reads records. */
    const quantileCall = (e: Expr): { call: Expr; rule?: RecordingRuleEntry } | undefined => {
      if (isQuantile(e)) return { call: e };
      if (e.kind !== 'VectorSelector') return undefined;
      const rules = rulesByName.get(metricNameOfSelector(e) ?? '');
      const rule = rules?.length === 1 ? rules[0] : undefined;
      const recorded = rule?.expr();
      const inner = recorded && unparen(recorded);
      return inner && rule && isQuantile(inner) ? { call: inner, rule } : undefined;
    };
    return {
      BinaryExpr(n, q) {
        if (!(n.op in FLIPPED)) return;
        const [l, r] = [unparen(n.lhs), unparen(n.rhs)];
        const [found, lit, op] =
          r.kind === 'NumberLiteral'
            ? [quantileCall(l), r, n.op]
            : l.kind === 'NumberLiteral'
              ? [quantileCall(r), l, FLIPPED[n.op] ?? n.op]
              : [undefined, undefined, n.op];
        if (!found || !lit || lit.kind !== 'NumberLiteral') return;
        const read = histogramOf(found.call, reg.isRecorded);
        const top = read ? reg.index.lookup(`${read.name}_bucket`, read.job)?.buckets?.at(-1) : undefined;
        if (!read || top === undefined) return;
        const histogram = read.name;
        const never = (op === '>' && lit.value >= top) || (op === '>=' && lit.value > top);
        if (!never) return;
        const rule = found.rule;
        q.report({
          messageId: 'never',
          data: { histogram, op, value: formatNumber(lit.value), top: formatNumber(top) },
          hint: `add buckets above ${formatNumber(lit.value)} to ${histogram} in the application (and the registry), or compare with a value below ${formatNumber(top)}`,
          span: n.opSpan,
          ...(rule
            ? {
                related: [
                  {
                    message: `the quantile is recorded by recording rule ${JSON.stringify(rule.rule.name)} of group ${JSON.stringify(rule.group.name)}`,
                    ...(rule.rule.site ? { location: rule.rule.site } : {}),
                  },
                ],
              }
            : {}),
        });
      },
    };
  },
});
