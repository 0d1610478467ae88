import { formatNumber } from '../../../promql/template.ts';
import { compileMatcherRegex } from '../../../promql/regex.ts';
import { defineCheck } from '../../check.ts';
import { inVariable } from '../../queries.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

/**
 * How clients write a bound in `le`: Go's shortest `%g` (`1`, `0.005`, `1e+06`, `1e-05`), and Python's
 * `floatToGoString`, the same but `1.0` for whole numbers below a million. `le` is a string: any
 * other spelling (`1e0`, `0.10`) matches no series.
 */
export function leSpellings(bound: number): string[] {
  const exp = bound === 0 ? 0 : Math.floor(Math.log10(Math.abs(bound)));
  const go =
    exp < -4 || exp >= 6
      ? bound.toExponential().replace(/e([+-])(\d)$/, (_, sign: string, digit: string) => `e${sign}0${digit}`)
      : String(bound);
  return Number.isInteger(bound) && Math.abs(bound) < 1e6 ? [go, `${go}.0`] : [go];
}

export default defineCheck({
  meta: {
    id: 'registry/histogram-bucket',
    description: "An le matcher on a histogram's buckets must name a bucket the registry declares",
    severity: 'error',
    docs: `A classic histogram only has the buckets its client was configured with. \`le="2"\` on a
histogram whose bounds double from 1ms (…, 1.024, 2.048, …) selects no series: the ratio or quantile
built on it has no data, and an alert on it never fires. When the registry declares the bounds
(\`histogram({ buckets: [...] })\`), every \`le\` equality matcher (and \`=~\` pattern) on
\`<name>_bucket\` must match one of them, as clients write them, or \`+Inf\`: \`le\` is a string, so
\`1e0\` or \`0.10\` match nothing. Go clients write \`1\`, \`0.005\`, \`1e+06\`; Python ones \`1.0\` for
whole numbers, so both spellings of a whole bound are accepted. Histograms without declared buckets are not checked.`,
    messages: {
      noBucket: '{{metric}}{le{{op}}{{value}}} matches no bucket of {{histogram}} (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    const target = ctx.options.target;
    return {
      query(q) {
        for (const s of q.query.result.analysis?.selectors ?? []) {
          if (!s.metric?.endsWith('_bucket') || reg.isRecorded(s.metric)) continue;
          const histogram = s.metric.slice(0, -'_bucket'.length);
          const known = reg.index.lookup(s.metric, selectorJob(s))?.buckets;
          if (!known) continue;
          for (const m of s.matchers) {
            if (m.name !== 'le' || (m.op !== '=' && m.op !== '=~') || inVariable(q.query, m.valueSpan)) continue;
            const values = [...known.flatMap(leSpellings), '+Inf'];
            const re = m.op === '=~' ? compileMatcherRegex(m.value, target) : undefined;
            // A pattern Prometheus refuses is promql/syntax's to report.
            const hit = m.op === '=' ? values.includes(m.value) : !re?.ok || values.some((v) => re.regex.matches(v));
            if (hit) continue;
            const n = Number(m.value);
            const near = Number.isFinite(n)
              ? [known.filter((b) => b < n).at(-1), known.find((b) => b > n)].filter(
                  (b): b is number => b !== undefined,
                )
              : [];
            q.report({
              messageId: 'noBucket',
              data: { metric: s.metric, op: m.op, value: JSON.stringify(m.value), histogram },
              hint: `its bounds are ${known.map(formatNumber).join(', ')}, +Inf${near.length ? `; the nearest are ${near.map(formatNumber).join(' and ')}` : ''}`,
              span: m.valueSpan,
            });
          }
        }
        return false;
      },
    };
  },
});
