import { parseDuration } from '../../../core/duration.ts';
import { selectorJob, type MatrixSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import type { RecordingRuleEntry } from '../../context.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { inVariable } from '../../queries.ts';

/** Functions that need two samples in the window (and, to survive a failed scrape, more). */
const TWO_SAMPLE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);

function human(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export default defineCheck({
  meta: {
    id: 'registry/range-window',
    description:
      "A `rate()`-like window must span at least 4 scrape intervals of the metric's job (2 at the very least)",
    severity: 'error',
    docs: `\`rate()\`, \`irate()\`, \`increase()\`, \`delta()\`, \`idelta()\`, \`deriv()\` and \`predict_linear()\` need two
samples in their window. With a window shorter than **2×** the scrape interval there are windows with
one sample, and the result has gaps: an **error**. Shorter than **4×** a single failed scrape leaves too
few samples (Grafana's \`$__rate_interval\` uses 4× for this reason): a **warning**. The scrape interval
is the registry's \`scrapeInterval\`, or that of the job a \`job="..."\` matcher names when the registry lists
it with its own (\`jobs: [{ name, scrapeInterval }]\`; the slowest of several named by \`job=~"a|b"\`). For a series
written by a recording rule, its group's \`interval\`.
Windows given by a Grafana variable are not checked.`,
    messages: {
      tooShort:
        '{{func}}() over {{range}} of {{metric}}, which {{source}} every {{interval}}: fewer than 2 samples in some windows (in {{subject}})',
      fragile:
        '{{func}}() over {{range}} of {{metric}}, which {{source}} every {{interval}}: a single missed scrape leaves too few samples (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    const groupInterval = new Map<string, { ms: number; entry: RecordingRuleEntry }>();
    for (const entry of ctx.recordingRules()) {
      const { group, rule } = entry;
      const d = group.interval !== undefined ? parseDuration(group.interval) : undefined;
      if (d?.ok) groupInterval.set(rule.name, { ms: d.ms, entry });
    }
    return {
      Call(n, q) {
        if (!TWO_SAMPLE_FUNCTIONS.has(n.func) || n.args[0]?.kind !== 'MatrixSelector') return;
        const m = n.args[0] as MatrixSelector;
        const metric = metricNameOfSelector(m.selector);
        if (metric === undefined || inVariable(q.query, m.rangeSpan)) return;
        const recorded = reg.isRecorded(metric) ? groupInterval.get(metric) : undefined;
        const interval = reg.isRecorded(metric)
          ? recorded?.ms
          : reg.lookup(metric, selectorJob(m.selector))?.scrapeIntervalMs;
        if (interval === undefined || m.rangeMs >= 4 * interval) return;
        const tooShort = m.rangeMs < 2 * interval;
        const rule = recorded?.entry;
        q.report({
          messageId: tooShort ? 'tooShort' : 'fragile',
          data: {
            func: n.func,
            range: human(m.rangeMs),
            metric,
            source: reg.isRecorded(metric) ? 'its recording rule group runs' : 'its job is scraped',
            interval: human(interval),
          },
          severity: tooShort ? 'error' : 'warning',
          hint: `use a window of at least ${human(4 * interval)} (4 × ${human(interval)})`,
          span: m.rangeSpan,
          ...(rule
            ? {
                related: [
                  {
                    message: `${metric} is recorded by group ${JSON.stringify(rule.group.name)} every ${human(interval)}`,
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
