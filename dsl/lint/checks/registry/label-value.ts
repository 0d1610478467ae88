import { closest, didYouMean } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { inVariable } from '../../queries.ts';
import { compileMatcherRegex } from '../../../promql/regex.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

export default defineCheck({
  meta: {
    id: 'registry/label-value',
    description: 'A matcher on a label with a closed set of values must be able to match one of them',
    severity: 'error',
    docs: `Some labels only ever take a fixed set of values, declared in the registry with \`values\`
(e.g. \`node_cpu_seconds_total\`'s \`mode\`: \`idle\`, \`iowait\`, \`irq\`, \`nice\`, \`softirq\`, \`steal\`,
\`system\`, \`user\`). \`mode="idel"\` or \`mode=~"wait"\` then selects nothing and the query silently
returns no data. Reported with the closest values as a suggestion. Labels without declared values are
not checked.`,
    messages: {
      noValue: "{{metric}}{{{label}}{{op}}{{value}}} matches none of {{label}}'s values (in {{subject}})",
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      query(q) {
        for (const s of q.query.result.analysis?.selectors ?? []) {
          const info = s.metric !== undefined ? reg.lookup(s.metric, selectorJob(s)) : undefined;
          if (!info || s.metric === undefined) continue;
          for (const m of s.matchers) {
            const allowed = Object.hasOwn(info.values, m.name) ? info.values[m.name] : undefined;
            if (!allowed || (m.op !== '=' && m.op !== '=~') || inVariable(q.query, m.valueSpan)) continue;
            // Prometheus's regex (RE2, anchored, linear time); a pattern it refuses is promql/syntax's to report.
            const re = m.op === '=~' ? compileMatcherRegex(m.value, ctx.options.target) : undefined;
            const ok = m.op === '=' ? allowed.includes(m.value) : !re?.ok || allowed.some((v) => re.regex.matches(v));
            if (ok) continue;
            const near = closest(m.value, allowed);
            q.report({
              messageId: 'noValue',
              data: { metric: s.metric, label: m.name, op: m.op, value: JSON.stringify(m.value) },
              hint: `${near.length ? `${didYouMean(near)} ` : ''}${m.name} is one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
              span: m.valueSpan,
            });
          }
        }
        return false;
      },
    };
  },
});
