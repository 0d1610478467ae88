import { isJsonObject, type JsonValue } from '../../../dashboard/json.ts';
import { isKnownUnit } from '../../../dashboard/units.ts';
import type { Panel } from '../../../dashboard/types.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

/** Unit strings anywhere in the escape hatch: `unit` keys, and override properties `{ id: 'unit', value }`. */
function unitsInJson(v: JsonValue | undefined, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v as readonly JsonValue[]) unitsInJson(x, out);
    return;
  }
  if (!isJsonObject(v)) return;
  if (v.id === 'unit' && typeof v.value === 'string') out.push(v.value);
  for (const [k, x] of Object.entries(v)) {
    if (k === 'unit' && typeof x === 'string') out.push(x);
    else unitsInJson(x, out);
  }
}

function unitsOf(panel: Panel): string[] {
  const out: string[] = [];
  // Typed fields can still carry anything after a cast or from plain JS.
  const loose = panel as {
    readonly unit?: unknown;
    readonly cellUnit?: unknown;
    readonly overrides?: readonly { readonly set?: { readonly unit?: unknown } }[];
  };
  for (const u of [loose.unit, loose.cellUnit, ...(loose.overrides ?? []).map((o) => o.set?.unit)])
    if (typeof u === 'string') out.push(u);
  unitsInJson(panel.extra, out);
  return out;
}

export default defineCheck({
  meta: {
    id: 'dashboard/unknown-unit',
    description: 'Units must be ones Grafana knows, also when they come through the escape hatch',
    severity: 'error',
    docs: `Grafana shows an unknown unit as the raw number with the unit id appended, or not at all. \`unit\` is
typed, so a typo fails \`tsc\`; this catches units that bypass the type: set through \`extra\` (e.g.
\`extra: { fieldConfig: { defaults: { unit: 'reqpz' } } }\`), in override properties, or after a cast.
Known units are the foundation SDK's unit constants and Grafana's parameterised forms (\`suffix:<text>\`,
\`prefix:<text>\`, \`si:<unit>\`, \`count:<unit>\`, \`currency:<code>\`, \`time:<format>\`).`,
    messages: {
      unknown: '{{subject}} uses unit {{unit}}, which Grafana does not know',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        for (const unit of unitsOf(p.panel)) {
          if (isKnownUnit(unit)) continue;
          ctx.report({
            messageId: 'unknown',
            data: { subject: panelSubject(p), unit: JSON.stringify(unit) },
            hint: 'use a unit of the SDK (the `unit` field lists them), e.g. reqps, s, bytes, percentunit',
            location: unit ? ctx.locate(p.panel.site, unit, 0) : p.panel.site,
            subject: panelSubject(p),
            on: view.suppressionsOf(p),
          });
        }
      }
    }
  },
});
