import { closest } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { inVariable, queriesOf } from '../../queries.ts';
import { compileMatcherRegex } from '../../../promql/regex.ts';
import { selectorJob } from '../../../promql/selector-job.ts';
import { registryOf } from '../../registry-view.ts';


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
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    for (const q of queriesOf(ctx)) {
      for (const s of q.result.analysis?.selectors ?? []) {
        const info = s.metric !== undefined ? reg.lookup(s.metric, selectorJob(s)) : undefined;
        if (!info) continue;
        for (const m of s.matchers) {
          const allowed = info.values[m.name];
          if (!allowed || (m.op !== '=' && m.op !== '=~') || inVariable(q, m.valueSpan)) continue;
          // Prometheus's regex (RE2, anchored, linear time); a pattern it refuses is promql/syntax's to report.
          const re = m.op === '=~' ? compileMatcherRegex(m.value, ctx.options.target) : undefined;
          const ok = m.op === '=' ? allowed.includes(m.value) : !re?.ok || allowed.some((v) => re.regex.matches(v));
          if (ok) continue;
          const near = closest(m.value, allowed);
          ctx.report({
            message: `${s.metric}{${m.name}${m.op}${JSON.stringify(m.value)}} matches none of ${m.name}'s values (in ${q.subject})`,
            hint: `${near.length ? `did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}? ` : ''}${m.name} is one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
            location: q.locate(m.valueSpan.start, m.valueSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
          });
        }
      }
    }
  },
});
