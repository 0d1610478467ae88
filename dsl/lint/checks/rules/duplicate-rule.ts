import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';
import type { QueryEntry } from '../../queries.ts';
import type { Rule } from '../../../rules/index.ts';
import { confinedLabels, disjointOn, type ValueSet } from './disjoint-series.ts';

const NONE: ReadonlyMap<string, ValueSet[]> = new Map();

export default defineCheck({
  meta: {
    id: 'rules/duplicate-rule',
    description: 'No two rules may have the same name and static labels where their series can collide',
    severity: 'warning',
    scope: 'project',
    docs: `Two recording rules with the same name and labels can write the same series (the results clash);
two alerts with the same name and labels can be indistinguishable in Alertmanager (silences and
inhibitions hit both). The key is the rule name plus its static labels (group labels and rule
labels), as in \`promtool check rules\`' duplicate lint, which is not fatal there either: this is a
**warning**.

Splitting one rule by a label's values is common and sound: \`HttpErrors\` on \`code=~"5.."\` with
severity page and on \`code=~"4.."\` with severity ticket, or one recording rule per \`job\`. Two rules
are not reported when a label both results keep is confined by their matchers to value sets that do
not meet (equal values, a value a regex rejects (RE2, as Prometheus matches), or regexes whose
literal prefixes differ).`,
    messages: {
      duplicate: '{{subject}} with the same labels is already defined at {{where}}, and their series can collide',
    },
  },
  run(ctx) {
    const seen = new Map<string, { rule: Rule; where: string; module: string }[]>();
    const queries = new Map<object, QueryEntry>();
    for (const q of ctx.queries()) if (q.on && (q.alert || q.record)) queries.set(q.on, q);
    const reg = ctx.registry;
    const confined = new Map<Rule, ReadonlyMap<string, ValueSet[]>>();
    const confinedOf = (r: Rule): ReadonlyMap<string, ValueSet[]> => {
      let c = confined.get(r);
      if (!c) {
        const q = queries.get(r);
        const analysis = q?.result.analysis;
        const all = analysis ? confinedLabels(analysis, ctx.options.target) : new Map<string, ValueSet[]>();
        // Only labels the result keeps tell the series apart. A query that confines no label needs
        // no label flow (computed and kept for every rule, it was most of a big run's memory).
        const root = q?.result.expr;
        const flow = q && root && all.size > 0 ? reg.flows(q, true).get(root) : undefined;
        for (const l of [...all.keys()]) if (!flow || !flow.possible.has(l)) all.delete(l);
        confined.set(r, (c = all.size > 0 ? all : NONE));
      }
      return c;
    };
    const apart = (a: Rule, b: Rule): boolean => {
      const ca = confinedOf(a);
      // The other rule's confinement (its query's analysis and label flow) only when this one has any.
      if (ca.size === 0) return false;
      const cb = confinedOf(b);
      for (const [l, sets] of ca) {
        const other = cb.get(l);
        if (other && disjointOn(sets, other)) return true;
      }
      return false;
    };
    for (const { module, group, rule } of ctx.rules()) {
      const labels = { ...(group.labels ?? {}), ...(rule.labels ?? {}) };
      const key = `${rule.kind}\u0000${rule.name}\u0000${JSON.stringify(Object.entries(labels).sort())}`;
      const where = `${module}${rule.site ? `:${rule.site.line}` : ''}`;
      let earlier = seen.get(key);
      if (!earlier) seen.set(key, (earlier = []));
      const clash = earlier.find((e) => !apart(e.rule, rule));
      if (clash) {
        ctx.report({
          messageId: 'duplicate',
          data: { subject: ruleSubject(rule), where: clash.where },
          hint: 'remove the copy, give the two rules different names or labels, or confine them to different values of a label they keep',
          location: rule.site,
          subject: ruleSubject(rule),
          on: rule,
          related: [
            {
              message: `the other ${ruleSubject(clash.rule)} (in ${clash.module})`,
              ...(clash.rule.site ? { location: clash.rule.site } : {}),
            },
          ],
        });
      }
      // In place: a copy per rule made 150,000 copies of one rule quadratic (minutes).
      earlier.push({ rule, where, module });
    }
  },
});
