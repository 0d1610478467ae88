import { jsonPath } from '../../../dashboard/json.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

const NEEDS_UNIT = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'heatmap', 'piechart', 'barchart', 'histogram']);

export default defineCheck({
  meta: {
    id: 'dashboard/panel-units',
    description: 'Panels that show numbers set a unit',
    severity: 'warning',
    docs: `Without a unit \`0.25\` could be seconds, a ratio or requests, and large values are not scaled
(\`1.2 GB\` instead of \`1200000000\`). Time series, stat, gauge, bar gauge, bar chart, histogram and heatmap panels must set
\`unit\` (typed from the foundation SDK's unit list; \`'none'\` or \`'short'\` when the number has no
unit). Tables are left out: their columns usually need units of their own (set them with overrides).
(dashboard-linter: panel-units-rule.)`,
    messages: {
      noUnit: '{{subject}} has no unit',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        const panel = p.panel;
        if (!NEEDS_UNIT.has(panel.type)) continue;
        const unit = 'unit' in panel ? panel.unit : undefined;
        if (unit !== undefined || jsonPath(panel.extra, 'fieldConfig', 'defaults', 'unit') !== undefined) continue;
        ctx.report({
          messageId: 'noUnit',
          data: { subject: panelSubject(p) },
          hint: "set unit, e.g. 's', 'reqps', 'percentunit', 'bytes' (or 'none' for plain numbers)",
          location: panel.site,
          subject: panelSubject(p),
          on: view.suppressionsOf(p),
        });
      }
    }
  },
});
