import { describe, expect, it } from 'vitest';
import { dashboardsOf } from '../../dsl/collect/dashboards.ts';
import { derivedUid, folderOf, folderSlug, uidProblem, UID_MAX_LENGTH } from '../../dsl/dashboard/index.ts';
import { dashboard } from '../../dsl/index.ts';

describe('dashboard identity', () => {
  it('derives the uid from the module path below dashboards/', () => {
    expect(derivedUid('dashboards/checkout/api.ts')).toBe('checkout-api');
    expect(derivedUid('dashboards/Payments/CheckoutAPI v2.ts')).toBe('payments-checkout-api-v2');
    expect(derivedUid('dashboards/a.ts', 'nodeOverview')).toBe('a-node-overview');
    expect(derivedUid('dashboards/a.ts', 'default')).toBe('a');
  });

  it('keeps derived uids within 40 characters, unique by a hash of the full name', () => {
    const a = derivedUid('dashboards/platform/kubernetes/cluster-resource-overview-by-namespace.ts');
    const b = derivedUid('dashboards/platform/kubernetes/cluster-resource-overview-by-namespace-and-pod.ts');
    expect(a.length).toBeLessThanOrEqual(UID_MAX_LENGTH);
    expect(b.length).toBeLessThanOrEqual(UID_MAX_LENGTH);
    expect(a).not.toBe(b);
    expect(uidProblem(a)).toBeUndefined();
    expect(derivedUid('dashboards/platform/kubernetes/cluster-resource-overview-by-namespace.ts')).toBe(a);
  });

  it('validates explicit uids as Grafana does', () => {
    expect(uidProblem('checkout-api_2')).toBeUndefined();
    expect(uidProblem('a'.repeat(41))).toMatch(/41 characters/);
    expect(uidProblem('a b')).toMatch(/contains " "/);
    expect(uidProblem('')).toMatch(/empty/);
  });

  it('takes the folder from the module path unless set, and slugs it for paths', () => {
    expect(folderOf('dashboards/checkout/api.ts')).toBe('checkout');
    expect(folderOf('dashboards/api.ts')).toBe('General');
    expect(folderOf('dashboards/a/b/c.ts')).toBe('a');
    expect(folderOf('dashboards/a.ts', 'Team A')).toBe('Team A');
    expect(folderSlug('Team A / Payments')).toBe('team-a-payments');
    expect(folderSlug('General')).toBe('general');
  });

  it('names dashboards by export when a module has several, by path when it has one', () => {
    const a = dashboard({ title: 'a' });
    const b = dashboard({ title: 'b', uid: 'explicit' });
    expect(dashboardsOf('dashboards/x.ts', { a, b, list: [a] }).map((e) => [e.exportName, e.uid, e.uidDerived])).toEqual([['a', 'x-a', true], ['b', 'explicit', false]]);
    expect(dashboardsOf('dashboards/x.ts', { default: a, a }).map((e) => [e.exportName, e.uid])).toEqual([['a', 'x']]);
  });
});
