/**
 * The editor's overlay of unsaved registry modules (issue 18): a registry module the last project
 * check did not see (created in the editor, not yet saved) counts with its literal entries, so the
 * other open modules complete and check its metrics before it is saved.
 */
import { describe, expect, it } from 'vitest';
import { Overlays } from '../../dsl/lsp/overlay.ts';
import type { Snapshot } from '../../dsl/lsp/snapshot.ts';

const snapshot: Snapshot = { target: '2.42', features: [], settings: {} as Snapshot['settings'], diagnostics: [], registries: [], recorded: [], ms: 0 };

const NEW = `import { counter, registry } from '../dsl/index.ts';

export const shop = registry({
  name: 'shop',
  metrics: {
    orders_total: counter({ help: 'Orders placed.', labels: ['status'] }),
    built: makeOne(),
  },
});
`;

describe('unsaved registry modules', () => {
  it('counts a registry module that is not saved yet, with its literal entries', () => {
    const { snapshot: s, key } = new Overlays().apply(snapshot, [{ file: 'registry/shop.ts', saved: '', text: NEW }]);
    expect(s.registries.map((r) => [r.name, r.site?.file, r.targetLabels, Object.keys(r.metrics)])).toEqual([['shop', 'registry/shop.ts', ['job', 'instance'], ['orders_total']]]);
    expect(s.registries[0]?.metrics.orders_total).toMatchObject({ type: 'counter', help: 'Orders placed.', labels: ['status'] });
    expect(key).not.toBe('');
  });

  it('leaves a module that is no registry, and an unchanged buffer, as they are', () => {
    const o = new Overlays();
    expect(o.apply(snapshot, [{ file: 'alerts/a.ts', saved: '', text: 'export const x = 1;\n' }]).snapshot).toBe(snapshot);
    expect(o.apply(snapshot, [{ file: 'registry/shop.ts', saved: NEW, text: NEW }]).snapshot).toBe(snapshot);
  });
});
