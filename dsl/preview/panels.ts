/** Walking a dashboard's panels (rows hold the panels of a collapsed row) and naming each one stably within a page. */
import type { PanelJson } from './model.ts';

export interface PlacedPanel {
  readonly panel: PanelJson;
  /** Unique within the dashboard: the panel id, else its position in the panel tree. */
  readonly key: string;
  /** The collapsed row it is hidden in, if any. */
  readonly row?: PanelJson;
}

export function panelKey(panel: PanelJson, path: string): string {
  return typeof panel.id === 'number' ? `id${panel.id}` : `at${path}`;
}

export function allPanels(panels: readonly PanelJson[]): PlacedPanel[] {
  const out: PlacedPanel[] = [];
  const seen = new Set<string>();
  const add = (panel: PanelJson, path: string, row?: PanelJson): void => {
    let key = panelKey(panel, path);
    if (seen.has(key)) key = `at${path}`;
    seen.add(key);
    out.push({ panel, key, ...(row ? { row } : {}) });
  };
  panels.forEach((p, i) => {
    if (!p || typeof p !== 'object') return;
    add(p, String(i));
    if (p.type === 'row')
      (p.panels ?? []).forEach((c, j) => {
        if (c && typeof c === 'object') add(c, `${i}.${j}`, p);
      });
  });
  return out;
}
