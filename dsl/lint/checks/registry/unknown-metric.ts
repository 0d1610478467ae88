import { didYouMean, editDistance } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { inVariable, type QueryEntry, type Suppressible } from '../../queries.ts';

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

/** A metric's namespace for the summary: up to its first `_` (`haproxy_`), or `:` for a recorded name (`instance:`). */
export function namespaceOf(name: string): string {
  const m = /^[^_:]*[_:]/.exec(name);
  return m ? m[0] : name;
}

interface Unclaimed {
  readonly metrics: Set<string>;
  uses: number;
  readonly first: {
    readonly location: ReturnType<QueryEntry['locate']>;
    readonly subject: string;
    readonly on?: Suppressible;
  };
}

export default defineCheck({
  meta: {
    id: 'registry/unknown-metric',
    description: 'Every metric an expression reads must be in a registry or recorded by a rule',
    severity: 'error',
    scope: 'project',
    docs: `A metric name nobody exports selects nothing: the alert never fires, the panel stays empty, and
nothing says why. With registries in \`registry/*.ts\`, a metric that is neither in a registry, nor
recorded by a recording rule, nor one of Prometheus's own series (\`ALERTS\`, \`up\` with the scrape
registry) is reported:

- a **near miss** of a metric of a *complete* registry (the default; \`complete: false\` says a
  registry lists only part of its exporter, e.g. one read off one machine's /metrics) in the same
  namespace (\`http_request_total\` for \`http_requests_total\`), or with only the namespace one edit
  off (\`nod_load1\`), is taken for a typo: an **error** with a "did you mean" suggestion;
- another unknown metric of a namespace a complete registry describes (\`http_\` with the
  team's own registry) is a **warning** at each use, as is a near miss of an incomplete registry
  (its suggestion in the hint);
- metrics of a namespace **no registry describes** (\`haproxy_\` without a HAProxy registry), or
  only incomplete ones, are one **warning per namespace**, at its first use, naming its metrics and
  the \`obs registry import\` command that writes the exporter's registry; nothing per use, since
  the files of a new team read exporters by the dozen.

Set \`registry: { unknownMetric: 'error' }\` in \`obs.config.ts\` to make every unknown metric an
error at each use. Without any registry the check is silent, unless that option is set.`,
    messages: {
      unknown: 'unknown metric {{metric}} (in {{subject}})',
      namespace:
        '{{count}} metric(s) of namespace "{{namespace}}" that {{described}}, used {{uses}} time(s): {{metrics}} (first in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    // Namespaces a complete registry describes (their misses are reported at each use), and those
    // only incomplete registries describe (summed up like undescribed ones, naming the registries).
    const described = new Set<string>();
    const partial = new Map<string, Set<string>>();
    for (const r of reg.index.registries) {
      for (const name of Object.keys(r.metrics)) {
        const ns = namespaceOf(name);
        if (r.complete !== false) described.add(ns);
        else partial.set(ns, (partial.get(ns) ?? new Set()).add(r.name));
      }
    }
    const completeOf = (k: string): boolean => reg.isRecorded(k) || reg.index.lookup(k)?.registry.complete !== false;
    const unclaimed = new Map<string, Unclaimed>();
    // What is said of an unknown metric, once per name: a rule file uses the same few thousands of times.
    const verdicts = new Map<string, { near: string[]; typo: string[]; hint: string }>();
    const verdictOf = (metric: string): { near: string[]; typo: string[]; hint: string } => {
      let v = verdicts.get(metric);
      if (!v) {
        const near = reg.suggest(metric).filter((k) => isTypoOf(metric, k));
        const typo = near.filter(completeOf);
        const hint = near.length
          ? `${didYouMean(near)}${typo.length ? '' : ' (its registry is incomplete: if this is a real metric, regenerate the registry from an exporter that has it)'}`
          : "no registry in registry/ has it: check the name, or add the exporter's registry (obs registry import)";
        verdicts.set(metric, (v = { near, typo, hint }));
      }
      return v;
    };
    return {
      query(c) {
        const q = c.query;
        for (const s of q.result.analysis?.selectors ?? []) {
          if (s.metric === undefined || reg.known(s.metric)) continue;
          const span = s.node.nameSpan ?? s.matchers.find((m) => m.name === '__name__')?.valueSpan ?? s;
          if (inVariable(q, span)) continue;
          const metric = s.metric;
          const { near, typo, hint } = verdictOf(metric);
          const ns = namespaceOf(metric);
          if (reg.unknownMetric !== 'error' && near.length === 0 && !described.has(ns) && !reg.isRecorded(metric)) {
            const u = unclaimed.get(ns);
            if (u) {
              u.metrics.add(metric);
              u.uses++;
            } else
              unclaimed.set(ns, {
                metrics: new Set([metric]),
                uses: 1,
                first: { location: q.locate(span.start, span.end), subject: q.subject, ...(q.on ? { on: q.on } : {}) },
              });
            continue;
          }
          c.report({
            messageId: 'unknown',
            data: { metric: JSON.stringify(metric) },
            severity: typo.length || reg.unknownMetric === 'error' ? 'error' : 'warning',
            hint,
            span: { start: span.start, end: span.end },
          });
        }
        return false;
      },
      end() {
        for (const [ns, u] of [...unclaimed].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const names = [...u.metrics].sort();
          const recorded = ns.endsWith(':');
          const incomplete = [...(partial.get(ns) ?? [])].sort();
          ctx.report({
            severity: 'warning',
            messageId: 'namespace',
            data: {
              count: names.length,
              namespace: ns,
              uses: u.uses,
              subject: u.first.subject,
              described: incomplete.length
                ? `the incomplete registry ${incomplete.join(', ')} does not list`
                : 'no registry describes',
              metrics:
                names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', '),
            },
            hint: recorded
              ? 'recorded series no rule here records: lint or import the rule file that records them along with this one'
              : incomplete.length
                ? `if they are real, regenerate ${incomplete.join(', ')} from an exporter that has them (obs registry import), or list them there`
                : `describe the exporter: obs registry import --name ${ns.replace(/_$/, '')}-exporter --from-metrics http://<exporter>/metrics --incomplete (or ask for every unknown metric at each use with registry: { unknownMetric: 'error' })`,
            location: u.first.location,
            subject: u.first.subject,
            ...(u.first.on ? { on: u.first.on } : {}),
          });
        }
      },
    };
  },
});
