// What the three Synchron hub dashboards share: the folder, the tenant filter the README asks for
// ("dashboards filter per tenant, e.g. tenant_id=\"chat365\"") and the links between them. Exports no
// dashboard.
import {
  alertAnnotation, dashboardListLink, datasourceVariable, labelValues, queryVariable, type Annotation, type Variable,
} from '../../dsl/index.ts';
import {
  synchronHubAvailability, synchronHubDatastores, synchronHubKafka, synchronHubOrchestrator, synchronHubQueues, synchronHubTokens,
} from '../../alerts/synchron-hub.ts';

export const folder = 'Synchron Hub';
export const tags = ['synchron-hub'] as const;

/** Data source, tenant (from the hub's own tenant series) and the instances of one job. */
export function hubVariables(job: string): Variable[] {
  return [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    queryVariable({
      name: 'tenant', label: 'Tenant', query: labelValues('tenant_id', 'hub_tenant_request_total'),
      multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
    }),
    queryVariable({
      name: 'instance', label: 'Instance', query: labelValues('instance', `up{job="${job}"}`),
      multi: true, includeAll: true, allValue: '.+', sort: 'natural',
    }),
  ];
}

export const hubAnnotations: Annotation[] = [alertAnnotation({
  alerts: [synchronHubAvailability, synchronHubQueues, synchronHubTokens, synchronHubKafka, synchronHubOrchestrator, synchronHubDatastores],
})];

// A tag list rather than link({ to }): the dashboards link each other, and modules that import each
// other in a cycle see one another's exports as undefined.
// DashboardListLink is not exported by dsl/index.ts (and is no `Link`), hence ReturnType.
export const hubLinks: ReturnType<typeof dashboardListLink>[] = [dashboardListLink({ title: 'Synchron Hub', tags: [...tags], asDropdown: true, includeVars: true, keepTime: true })];
