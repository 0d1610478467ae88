import { walk, type AggregateExpr, type Expr, type VectorSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { canCarry, metricNameOfSelector } from '../../label-flow.ts';
import type { RegistryView } from '../../registry-view.ts';

function selectorsUnder(e: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  walk(e, (n) => {
    if (n.kind === 'VectorSelector') out.push(n);
  });
  return out;
}

/** What kind of histogram input a selector reads, as far as we know. */
function inputKind(sel: VectorSelector, reg: RegistryView): 'classic' | 'native' | 'not-a-histogram' | 'unknown' {
  const name = metricNameOfSelector(sel);
  if (name === undefined) return 'unknown';
  const info = reg.lookup(name);
  if (info?.def.type === 'unknown') return 'unknown';
  if (info)
    return info.part === 'bucket'
      ? 'classic'
      : info.def.type === 'histogram' && info.part === 'value'
        ? 'native'
        : 'not-a-histogram';
  const rec = reg.labelsOf(name);
  if (reg.isRecorded(name) && rec)
    return rec.labels.includes('le') ? 'classic' : rec.open ? 'unknown' : 'not-a-histogram';
  return name.endsWith('_bucket') ? 'classic' : 'unknown';
}

export default defineCheck({
  meta: {
    id: 'promql/histogram-quantile',
    description: '`histogram_quantile` needs classic `_bucket` series with their `le` label',
    severity: 'error',
    docs: `A classic histogram is a set of \`_bucket\` series told apart by \`le\`, and \`histogram_quantile\`
needs all of them: \`histogram_quantile(0.99, sum by (job) (rate(x_bucket[5m])))\` aggregates \`le\` away
and returns nothing; write \`sum by (job, le) (...)\`. Also reported: \`histogram_quantile\` over series
that are not buckets (\`x_sum\`, \`x_count\`, a gauge) per the registry or the recording rule that writes
them. Native histograms (registered with \`native: true\`, or of unknown kind) are not checked.`,
    messages: {
      notBuckets: "histogram_quantile() over {{metric}}, which is not a histogram's _bucket series (in {{subject}})",
      aggregatedAway:
        'histogram_quantile() needs the le label, but {{aggregation}} aggregates it away (in {{subject}})',
      notKept: 'histogram_quantile() needs the le label, but its input does not keep it (in {{subject}})',
    },
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      Call(n, q) {
        if (n.func !== 'histogram_quantile') return;
        const flows = reg.flows(q.query);
        const arg = n.args[1];
        const input = arg ? flows.get(arg) : undefined;
        if (!arg || !input || canCarry(input, 'le')) return;
        const sels = selectorsUnder(arg);
        const kinds = sels.map((s) => inputKind(s, reg));
        if (kinds.includes('native') || kinds.includes('unknown') || kinds.length === 0) return;
        const classic = sels.filter((_, i) => kinds[i] === 'classic');
        if (classic.length === 0) {
          const s = sels[0] as VectorSelector;
          q.report({
            messageId: 'notBuckets',
            data: { metric: metricNameOfSelector(s) ?? 'series' },
            node: s,
            hint: 'pass the rate of the _bucket series: histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
          });
          return;
        }
        // Find the aggregation that removed le: its input could carry it, its result cannot.
        let culprit: AggregateExpr | undefined;
        walk(arg, (m) => {
          if (culprit || m.kind !== 'AggregateExpr') return;
          const inner = flows.get(m.expr);
          const outer = flows.get(m);
          if (inner && outer && canCarry(inner, 'le') && !canCarry(outer, 'le')) culprit = m;
        });
        const hint = culprit?.grouping?.without
          ? 'do not list le in without (...)'
          : `keep le: ${culprit?.op ?? 'sum'} by (${[...(culprit?.grouping && !culprit.grouping.without ? culprit.grouping.labels : []), 'le'].join(', ')}) (...)`;
        if (!culprit) q.report({ messageId: 'notKept', hint, node: arg });
        else {
          const g = culprit.grouping;
          q.report({
            messageId: 'aggregatedAway',
            data: {
              aggregation: `${culprit.op}${g ? ` ${g.without ? 'without' : 'by'} (${g.labels.join(', ')})` : ''}`,
            },
            hint,
            span: g?.span ?? culprit.opSpan,
          });
        }
      },
    };
  },
});
