import { editDistance } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { inVariable, queriesOf } from '../../queries.ts';
import { registryOf } from '../../registry-view.ts';

function split(name: string): [string, string] {
  const i = name.indexOf('_');
  return i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i)];
}

/**
 * Is `known` what the author meant to write? Within one namespace (`http_`, `node_`) a near miss is a
 * typo. Across namespaces it is one only when the namespace itself is a single edit off and the rest
 * is the same: `pve_up` is not a misspelt `pg_up`, every exporter has its own `<namespace>_up`.
 */
export function isTypoOf(name: string, known: string): boolean {
  const [ns, rest] = split(name);
  const [kns, krest] = split(known);
  return ns === kns || (rest === krest && rest.length > 0 && editDistance(ns, kns, 1) <= 1);
}

export default defineCheck({
  meta: {
    id: 'registry/unknown-metric',
    description: 'Every metric an expression reads must be in a registry or recorded by a rule',
    severity: 'error',
    docs: `A metric name nobody exports selects nothing: the alert never fires, the panel stays empty, and
nothing says why. With registries in \`registry/*.ts\`, a metric that is neither in a registry, nor
recorded by a recording rule, nor one of Prometheus's own series (\`ALERTS\`, \`up\` with the scrape
registry) is reported. When a known metric is a few edits away in the same namespace
(\`http_request_total\` for \`http_requests_total\`), or only the namespace is one edit off
(\`nod_load1\`), the name is taken for a typo and the problem is an **error** with a "did you mean"
suggestion; otherwise it is a **warning** (the metric may come from an exporter without a registry
yet: \`pve_up\` is not a misspelt \`pg_up\`). Set \`registry: { unknownMetric: 'error' }\` in
\`obs.config.ts\` to make every unknown metric an error. Without any registry the check is silent,
unless that option is set.`,
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    for (const q of queriesOf(ctx)) {
      for (const s of q.result.analysis?.selectors ?? []) {
        if (s.metric === undefined || reg.known(s.metric)) continue;
        const span = s.node.nameSpan ?? s.matchers.find((m) => m.name === '__name__')?.valueSpan ?? s;
        if (inVariable(q, span)) continue;
        const near = reg.suggest(s.metric).filter((k) => isTypoOf(s.metric ?? '', k));
        ctx.report({
          message: `unknown metric ${JSON.stringify(s.metric)} (in ${q.subject})`,
          severity: near.length || reg.unknownMetric === 'error' ? 'error' : 'warning',
          hint: near.length
            ? `did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?`
            : 'no registry in registry/ has it: check the name, or add the exporter\'s registry (obs registry import)',
          location: q.locate(span.start, span.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
      }
    }
  },
});
