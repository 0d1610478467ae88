import { walk, type Expr } from '../../../promql/index.ts';
import { formatNumber } from '../../../promql/template.ts';
import { defineCheck } from '../../check.ts';
import type { RecordingRuleEntry } from '../../context.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { queriesOf } from '../../queries.ts';
import { selectorJob } from '../../../promql/selector-job.ts';
import { registryOf } from '../../registry-view.ts';

const unparen = (e: Expr): Expr => (e.kind === 'ParenExpr' ? unparen(e.expr) : e);

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
    description: 'A histogram_quantile compared with a value above the histogram\'s top bucket can never be true',
    severity: 'error',
    docs: `\`histogram_quantile\` cannot return more than the highest finite bucket bound: a quantile that
falls in the \`+Inf\` bucket is reported as that bound. With prometheus_client's default buckets
(up to 10 s), \`histogram_quantile(0.95, ...) > 30\` is never true, and the alert never fires however
slow the service gets. When the registry declares the histogram's buckets
(\`histogram({ buckets })\`), a \`>\` comparison with a value at or above the top bound (or \`>=\` above
it) is reported: add buckets above the threshold in the application, or lower the threshold.`,
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    // A recorded quantile (`job:latency_seconds:p95_5m`, recorded by one rule) is compared as the
    // quantile it records; its rule is parsed only when a comparison reads it.
    const rulesByName = new Map<string, RecordingRuleEntry[]>();
    for (const r of ctx.recordingRules()) {
      const same = rulesByName.get(r.rule.name);
      if (same) same.push(r);
      else rulesByName.set(r.rule.name, [r]);
    }
    const isQuantile = (e: Expr | undefined): boolean => e?.kind === 'Call' && e.func === 'histogram_quantile';
    const quantileCall = (e: Expr): Expr | undefined => {
      if (isQuantile(e)) return e;
      if (e.kind !== 'VectorSelector') return undefined;
      const rules = rulesByName.get(metricNameOfSelector(e) ?? '');
      const recorded = rules?.length === 1 ? rules[0]?.expr() : undefined;
      const inner = recorded && unparen(recorded);
      return isQuantile(inner) ? inner : undefined;
    };
    for (const q of queriesOf(ctx)) {
      const root = q.result.expr;
      if (!root) continue;
      walk(root, (n) => {
        if (n.kind !== 'BinaryExpr' || !(n.op in FLIPPED)) return;
        const [l, r] = [unparen(n.lhs), unparen(n.rhs)];
        const [call, lit, op] = r.kind === 'NumberLiteral' ? [quantileCall(l), r, n.op]
          : l.kind === 'NumberLiteral' ? [quantileCall(r), l, FLIPPED[n.op] ?? n.op] : [undefined, undefined, n.op];
        if (!call || !lit || lit.kind !== 'NumberLiteral') return;
        const read = histogramOf(call, reg.isRecorded);
        const top = read ? reg.index.lookup(`${read.name}_bucket`, read.job)?.buckets?.at(-1) : undefined;
        if (!read || top === undefined) return;
        const histogram = read.name;
        const never = (op === '>' && lit.value >= top) || (op === '>=' && lit.value > top);
        if (!never) return;
        ctx.report({
          message: `histogram_quantile of ${histogram} ${op} ${formatNumber(lit.value)} is never true: its highest bucket bound is ${formatNumber(top)} (in ${q.subject})`,
          hint: `add buckets above ${formatNumber(lit.value)} to ${histogram} in the application (and the registry), or compare with a value below ${formatNumber(top)}`,
          location: q.locate(n.opSpan.start, n.opSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
      });
    }
  },
});
