import { parseDuration } from '../../../core/duration.ts';
import { selectorJob, walk, type MatrixSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { inVariable, queriesOf } from '../../queries.ts';
import { registryOf } from '../../registry-view.ts';

/** Functions that need two samples in the window (and, to survive a failed scrape, more). */
const TWO_SAMPLE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);

function human(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export default defineCheck({
  meta: {
    id: 'registry/range-window',
    description: "A `rate()`-like window must span at least 4 scrape intervals of the metric's job (2 at the very least)",
    severity: 'error',
    docs: `\`rate()\`, \`irate()\`, \`increase()\`, \`delta()\`, \`idelta()\`, \`deriv()\` and \`predict_linear()\` need two
samples in their window. With a window shorter than **2×** the scrape interval there are windows with
one sample, and the result has gaps: an **error**. Shorter than **4×** a single failed scrape leaves too
few samples (Grafana's \`$__rate_interval\` uses 4× for this reason): a **warning**. The scrape interval
is the registry's \`scrapeInterval\`, or that of the job a \`job="..."\` matcher names when the registry lists
it with its own (\`jobs: [{ name, scrapeInterval }]\`; the slowest of several named by \`job=~"a|b"\`). For a series
written by a recording rule, its group's \`interval\`.
Windows given by a Grafana variable are not checked.`,
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    const groupInterval = new Map<string, number>();
    for (const { group, rule } of ctx.recordingRules()) {
      const d = group.interval !== undefined ? parseDuration(group.interval) : undefined;
      if (d?.ok) groupInterval.set(rule.name, d.ms);
    }
    for (const q of queriesOf(ctx)) {
      if (!q.result.expr) continue;
      walk(q.result.expr, (n) => {
        if (n.kind !== 'Call' || !TWO_SAMPLE_FUNCTIONS.has(n.func) || n.args[0]?.kind !== 'MatrixSelector') return;
        const m = n.args[0] as MatrixSelector;
        const metric = metricNameOfSelector(m.selector);
        if (metric === undefined || inVariable(q, m.rangeSpan)) return;
        const interval = reg.isRecorded(metric) ? groupInterval.get(metric) : reg.lookup(metric, selectorJob(m.selector))?.scrapeIntervalMs;
        if (interval === undefined || m.rangeMs >= 4 * interval) return;
        const tooShort = m.rangeMs < 2 * interval;
        const source = reg.isRecorded(metric) ? 'its recording rule group runs' : `its job is scraped`;
        ctx.report({
          message: `${n.func}() over ${human(m.rangeMs)} of ${metric}, which ${source} every ${human(interval)}: ${tooShort ? 'fewer than 2 samples in some windows' : 'a single missed scrape leaves too few samples'} (in ${q.subject})`,
          severity: tooShort ? 'error' : 'warning',
          hint: `use a window of at least ${human(4 * interval)} (4 × ${human(interval)})`,
          location: q.locate(m.rangeSpan.start, m.rangeSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
      });
    }
  },
});
