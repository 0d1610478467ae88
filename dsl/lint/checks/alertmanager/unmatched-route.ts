import { matchersOn, parsedMatchers, routePath, type RouteNode } from '../../../alertmanager/index.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'alertmanager/unmatched-route',
    description: 'Routes and inhibit rules that no alert of the project can match',
    severity: 'warning',
    scope: 'project',
    needs: ['alertmanager'],
    docs: `A route no alert reaches is dead configuration, or a typo: \`team="paymnets"\` routes nothing, and the
alerts meant for it fall through to a sibling or the root. The check follows each alert of the project
through the tree (see \`alertmanager/unrouted-alert\`): a route that no alert can reach (its matchers hold for
no alert, or an earlier sibling without \`continue\` always takes them first) is reported, the topmost one of
a dead branch. An inhibit rule whose source matchers or target matchers hold for no alert never inhibits.
Alerts from other sources (other Prometheus servers, Grafana) are not known to the check: suppress it on
the route with the reason, or move those routes to a module the project's rules feed.`,
    messages: {
      unreached: 'no alert of the project reaches route {{route}}',
      shadowed:
        'no alert of the project reaches route {{route}}: an earlier route without continue takes every alert it matches',
      inhibitSide: 'inhibit rule never inhibits: no alert of the project matches its {{side}} matchers {{matchers}}',
    },
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v || v.alerts.length === 0) return;
    const reached = new Set<RouteNode>();
    for (const { landings } of v.alerts)
      for (const l of landings) for (let n: RouteNode | undefined = l.node; n; n = n.parent) reached.add(n);
    const visit = (n: RouteNode): void => {
      if (!reached.has(n)) {
        const matchersHold = v.alerts.some((a) => {
          for (let p: RouteNode | undefined = n; p && p.depth > 0; p = p.parent)
            if (matchersOn(p.matchers, a.alert.knowledge) === 'no') return false;
          return true;
        });
        ctx.report({
          messageId: matchersHold ? 'shadowed' : 'unreached',
          data: { route: routePath(n) },
          hint: matchersHold
            ? 'move it before that route, or set continue: true there'
            : "check its matchers against the alerts' labels (obs routes lists where each alert lands)",
          location: n.route.site ?? { file: v.module, line: 1, column: 1 },
          subject: 'alertmanager',
          on: n.route,
        });
        return;
      }
      n.children.forEach(visit);
    };
    v.tree.children.forEach(visit);
    for (const r of v.config.inhibitRules ?? []) {
      for (const [side, texts] of [
        ['source', r.sourceMatchers],
        ['target', r.targetMatchers],
      ] as const) {
        const ms = parsedMatchers(texts);
        if (v.alerts.some((a) => matchersOn(ms, a.alert.knowledge) !== 'no')) continue;
        ctx.report({
          messageId: 'inhibitSide',
          data: { side, matchers: texts.join(', ') },
          hint: `check the ${side} matchers against the alerts' labels`,
          location: r.site ?? { file: v.module, line: 1, column: 1 },
          subject: 'alertmanager',
          on: r,
        });
      }
    }
  },
});
