import { matchersOn, parsedMatchers, type RouteNode } from '../../../alertmanager/index.ts';
import { closest } from '../../../registry/index.ts';
import { defineCheck } from '../../check.ts';
import { mayCarry, type AlertLabels } from '../../alert-labels.ts';

export default defineCheck({
  meta: {
    id: 'alertmanager/labels',
    description: 'Route matchers, group_by and inhibit equal labels name labels the alerts carry',
    severity: 'warning',
    scope: 'project',
    needs: ['alertmanager'],
    docs: `The labels an alert carries are known from its rule: \`alertname\`, the rule's and group's labels, and
the labels its expression keeps (the label-flow analysis of the expression checks). A route matcher on a
label no alert of the project carries (\`teams="api"\` for \`team\`) matches nothing; a \`groupBy\` label none of
the alerts reaching the route carries groups nothing (every alert of the route lands in one group). An
inhibit rule's \`equal\` label decides which targets a source silences: when the source alerts always carry
it and the target alerts never do (or the other way round) the values never agree and the rule never
inhibits; when neither side carries it, it does not narrow the rule at all and any source silences every
target (a critical alert of one service mutes the warnings of all others).`,
    messages: {
      routeMatcher: 'route matcher {{matcher}} names label {{label}}, which no alert of the project carries',
      groupBy: 'groupBy label {{label}} is carried by none of the alerts that reach this route',
      equalOnNeither:
        'inhibit rule: equal label {{label}} is carried by neither the source nor the target alerts, so it does not narrow the rule: any source alert inhibits every target',
      equalOnSourceOnly:
        'inhibit rule never inhibits: the source alerts always carry equal label {{label}}, the target alerts never do',
      equalNotOnTargets:
        'inhibit rule: the target alerts never carry equal label {{label}}, so only a source alert without it inhibits them',
      equalOnTargetOnly:
        'inhibit rule never inhibits: the target alerts always carry equal label {{label}}, the source alerts never do',
      equalNotOnSources:
        'inhibit rule: the source alerts never carry equal label {{label}}, so they inhibit only targets without it',
    },
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v || v.alerts.length === 0) return;
    const known = [
      ...new Set(v.alerts.flatMap((a) => [...Object.keys(a.alert.knowledge.values), ...a.alert.knowledge.unknown])),
    ].sort();
    const someCarries = (label: string, alerts: readonly AlertLabels[]): boolean =>
      alerts.some((a) => mayCarry(a, label));
    const all = v.alerts.map((a) => a.alert);
    const hintFor = (label: string): string => {
      const near = closest(label, known);
      return near.length ? `did you mean ${JSON.stringify(near[0])}?` : `the alerts carry ${known.join(', ')}`;
    };
    const visit = (n: RouteNode): void => {
      if (n.depth > 0) {
        for (const m of n.matchers) {
          // A matcher that holds for the empty value is satisfied by the label's absence.
          if (m.op === '!=' || m.op === '!~' || someCarries(m.name, all)) continue;
          const text = (n.route.matchers ?? []).find((t) => t.trimStart().startsWith(m.name)) ?? m.name;
          ctx.report({
            messageId: 'routeMatcher',
            data: { matcher: text, label: JSON.stringify(m.name) },
            hint: hintFor(m.name),
            location: v.locateText(n.route.site, text) ?? { file: v.module, line: 1, column: 1 },
            subject: 'alertmanager',
            on: n.route,
          });
        }
      }
      if (n.route.groupBy && !n.route.groupBy.includes('...')) {
        const through = v.alerts
          .filter((a) =>
            a.landings.some((l) => {
              for (let p: RouteNode | undefined = l.node; p; p = p.parent) if (p === n) return true;
              return false;
            }),
          )
          .map((a) => a.alert);
        for (const label of n.route.groupBy) {
          if (through.length === 0 || someCarries(label, through)) continue;
          ctx.report({
            messageId: 'groupBy',
            data: { label: JSON.stringify(label) },
            hint: hintFor(label),
            location: v.locateText(n.route.site, label) ?? { file: v.module, line: 1, column: 1 },
            subject: 'alertmanager',
            on: n.route,
          });
        }
      }
      n.children.forEach(visit);
    };
    visit(v.tree);
    for (const r of v.config.inhibitRules ?? []) {
      const sm = parsedMatchers(r.sourceMatchers);
      const tm = parsedMatchers(r.targetMatchers);
      const sources = all.filter((a) => matchersOn(sm, a.knowledge) !== 'no');
      const targets = all.filter((a) => matchersOn(tm, a.knowledge) !== 'no');
      if (sources.length === 0 || targets.length === 0) continue;
      for (const label of r.equal ?? []) {
        const s = someCarries(label, sources);
        const t = someCarries(label, targets);
        const sAll = sources.every((a) => a.guaranteed.has(label));
        const tAll = targets.every((a) => a.guaranteed.has(label));
        const messageId =
          !s && !t
            ? 'equalOnNeither'
            : !t
              ? sAll
                ? 'equalOnSourceOnly'
                : 'equalNotOnTargets'
              : !s
                ? tAll
                  ? 'equalOnTargetOnly'
                  : 'equalNotOnSources'
                : undefined;
        if (!messageId) continue;
        ctx.report({
          messageId,
          data: { label: JSON.stringify(label) },
          hint: hintFor(label),
          location: v.locateText(r.site, label) ?? { file: v.module, line: 1, column: 1 },
          subject: 'alertmanager',
          on: r,
        });
      }
    }
  },
});
