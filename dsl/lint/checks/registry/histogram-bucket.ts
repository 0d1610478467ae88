import { bucketBounds } from '../../../registry/index.ts';
import { formatNumber } from '../../../promql/template.ts';
import { defineCheck } from '../../check.ts';
import { inVariable, queriesOf } from '../../queries.ts';
import { registryOf, selectorJob } from '../../registry-view.ts';

/** How clients write a bound in `le`: Go `1`, Python `1.0`; both are the same bucket. */
function spellings(bound: number): string[] {
  const go = formatNumber(bound);
  return Number.isInteger(bound) ? [go, `${go}.0`] : [go];
}

function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 's');
  } catch {
    return undefined;
  }
}

export default defineCheck({
  meta: {
    id: 'registry/histogram-bucket',
    description: 'An le matcher on a histogram\'s buckets must name a bucket the registry declares',
    severity: 'error',
    docs: `A classic histogram only has the buckets its client was configured with. \`le="2"\` on a
histogram whose bounds double from 1ms (…, 1.024, 2.048, …) selects no series: the ratio or quantile
built on it has no data, and an alert on it never fires. When the registry declares the bounds
(\`histogram({ buckets: [...] })\`), every \`le\` equality matcher (and \`=~\` pattern) on
\`<name>_bucket\` must match one of them or \`+Inf\`; \`1\` and \`1.0\` are the same bound (Go and
Python clients write it differently). Histograms without declared buckets are not checked.`,
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    const bounds = bucketBounds(reg.index.registries);
    for (const q of queriesOf(ctx)) {
      for (const s of q.result.analysis?.selectors ?? []) {
        if (!s.metric?.endsWith('_bucket') || reg.isRecorded(s.metric)) continue;
        const histogram = s.metric.slice(0, -'_bucket'.length);
        const known = bounds(histogram, selectorJob(s));
        if (!known) continue;
        for (const m of s.matchers) {
          if (m.name !== 'le' || (m.op !== '=' && m.op !== '=~') || inVariable(q, m.valueSpan)) continue;
          const values = [...known.flatMap(spellings), '+Inf'];
          const re = m.op === '=~' ? anchored(m.value) : undefined;
          const hit = m.op === '='
            ? m.value === '+Inf' || known.includes(Number(m.value))
            : re === undefined || values.some((v) => re.test(v));
          if (hit) continue;
          const n = Number(m.value);
          const near = Number.isFinite(n) ? [known.filter((b) => b < n).at(-1), known.find((b) => b > n)].filter((b): b is number => b !== undefined) : [];
          ctx.report({
            message: `${s.metric}{le${m.op}${JSON.stringify(m.value)}} matches no bucket of ${histogram} (in ${q.subject})`,
            hint: `its bounds are ${known.map(formatNumber).join(', ')}, +Inf${near.length ? `; the nearest are ${near.map(formatNumber).join(' and ')}` : ''}`,
            location: q.locate(m.valueSpan.start, m.valueSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
          });
        }
      }
    }
  },
});
