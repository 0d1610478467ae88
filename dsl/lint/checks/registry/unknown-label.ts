import { didYouMean, suggester } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { inVariable } from '../../queries.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

/** What a missing label is near to: whether a known label is (a typo), and the hint's first part. */
interface Near {
  readonly found: boolean;
  readonly hint: string;
}

export default defineCheck({
  meta: {
    id: 'registry/unknown-label',
    description: 'A label matcher must name a label the metric has',
    severity: 'error',
    docs: `\`node_filesystem_avail_bytes{mountpont="/"}\` selects nothing: the metric has no \`mountpont\`
label, so the alert never fires. A matcher that requires a label the series cannot have (\`=\` a
non-empty value, \`=~\` a pattern, \`!=""\`) is an **error**, with the closest label names as a suggestion;
one that is true for every series anyway (\`!=\`, \`!~\`, \`=""\` on a missing label) is a **warning**,
since it filters nothing. A metric's labels are its own (from its registry, or what a recording rule
keeps), the registry's target labels (\`job\`, \`instance\` by default) and the implied \`le\` of
\`_bucket\` and \`quantile\` of summary series. A label that is no near miss of a known one may be a
target label the deployment adds by relabelling (\`namespace\`, \`pod\`, \`cluster\`): that is a
**warning**, unless the registries are declared complete (\`registry: { unknownMetric: 'error' }\`) or
the series is a recording rule's, whose labels are known exactly. Labels your scrape configs add by
relabelling are configured per job in \`obs.config.ts\` (\`registry: { relabelledLabels: { '*': [...],
'node-exporter': ['nodename'] } }\`); by default every job may carry the Kubernetes ones
(\`namespace\`, \`pod\`, \`container\`, \`node\`, \`service\`, \`endpoint\`), which are then not reported at
all. Grouping labels (\`by\`, \`on\`, ...)
are checked by \`promql/grouping-labels\`.`,
    messages: {
      filtersNothing: '{{metric}} has no label {{label}}, so this matcher filters nothing (in {{subject}})',
      matchesNothing: '{{metric}} has no label {{label}}, so this selector matches nothing (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    const byJob = ctx.options.registry?.relabelledLabels ?? {};
    const relabelled = (job: string | undefined): readonly string[] => [
      ...(byJob['*'] ?? []),
      ...(job !== undefined && Object.hasOwn(byJob, job) ? (byJob[job] ?? []) : []),
    ];
    // "Did you mean" by label list: a series' list is one array for the run (the registry view keeps
    // it), and thousands of matchers miss the labels of a few dozen series: the closest labels, the
    // hint that names them and the list's own text are kept by list and name.
    const byList = new Map<
      readonly string[],
      { suggest: (name: string) => string[]; byName: Map<string, Near>; listed?: string }
    >();
    const nearOf = (name: string, labels: readonly string[]): Near => {
      let l = byList.get(labels);
      if (!l) byList.set(labels, (l = { suggest: suggester(labels), byName: new Map() }));
      let near = l.byName.get(name);
      if (!near) {
        const names = l.suggest(name);
        l.byName.set(
          name,
          (near = names.length
            ? { found: true, hint: didYouMean(names) }
            : { found: false, hint: `its labels are ${(l.listed ??= labels.join(', ') || '(none)')}` }),
        );
      }
      return near;
    };
    return {
      query(q) {
        for (const s of q.query.result.analysis?.selectors ?? []) {
          if (s.metric === undefined) continue;
          const job = selectorJob(s);
          const known = reg.labelsOf(s.metric, false, job);
          // Open series (ALERTS, a rule reading unknown metrics) may have any label; label families
          // name theirs by prefix, and other labels are still checked.
          if (!known || (known.open && !known.families)) continue;
          const family = (name: string): boolean => known.families?.some((p) => name.startsWith(p)) ?? false;
          for (const m of s.matchers) {
            if (
              m.name === '__name__' ||
              known.labels.includes(m.name) ||
              family(m.name) ||
              inVariable(q.query, m.nameSpan)
            )
              continue;
            const harmless = m.op === '!=' || m.op === '!~' || (m.op === '=' && m.value === '');
            const near = nearOf(m.name, known.labels);
            // Not a typo of a known label: the deployment may add it as a target label (relabelling).
            const loose = reg.labelsOf(s.metric, true, job);
            const proven = loose !== undefined && !loose.open && !loose.labels.includes(m.name);
            // A label the scrape config adds by relabelling (configured per job) is no unknown label.
            if (!proven && !near.found && relabelled(job).includes(m.name)) continue;
            const certain = near.found || reg.complete || proven || m.name === 'le' || m.name === 'quantile';
            q.report({
              messageId: harmless ? 'filtersNothing' : 'matchesNothing',
              data: { metric: s.metric, label: JSON.stringify(m.name) },
              severity: harmless || !certain ? 'warning' : 'error',
              hint:
                near.found || certain
                  ? near.hint
                  : `${near.hint}; if your scrape config adds it as a target label, list it in the registry's targetLabels`,
              span: m.nameSpan,
            });
          }
        }
        return false;
      },
    };
  },
});
