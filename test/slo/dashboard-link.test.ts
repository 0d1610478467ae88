/** Dashboards link to the SLO dashboards obs generates with sloDashboard(service), checked to exist. */
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

let p: FixtureProject | undefined;
afterEach(() => {
  p?.cleanup();
  p = undefined;
});

const SLO = `import { slo } from '../dsl/index.ts';\n\nexport const availability = slo({\n  service: 'api', name: 'availability', objective: 99.9,\n  sli: { ratio: { bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } },\n});\n`;
const board = (service: string): string => `import { dashboard, link, sloDashboard, standardVariables, timeseries } from '../dsl/index.ts';

export const d = dashboard({
  title: 'API', uid: 'api', variables: standardVariables(),
  links: [link({ title: 'SLOs', to: sloDashboard('${service}') })],
  panels: [timeseries({ title: 'p', description: 'Targets up.', unit: 'short', queries: ['sum(up{job=~"$job", instance=~"$instance"})'] })],
});
`;

it('links to the generated SLO dashboard by its uid, with time range and variables', async () => {
  p = createFixtureProject({ files: { 'slos/api.ts': SLO, 'dashboards/api.ts': board('api') } });
  const r = await p.run(['build']);
  expect(r.stderr).toBe('');
  const json = JSON.parse(p.read('out/dashboards/general/api.json')) as { links: { url: string; includeVars: boolean; keepTime: boolean }[] };
  expect(json.links[0]).toMatchObject({ url: '/d/slo-api', includeVars: true, keepTime: true });
});

it('refuses a link to the SLO dashboard of a service without SLOs', async () => {
  p = createFixtureProject({ files: { 'slos/api.ts': SLO, 'dashboards/api.ts': board('apx') } });
  const r = await p.run(['build']);
  expect(r.code).toBe(1);
  expect(parseDiagnostics(r.stderr).map((d) => `${d.file}:${d.line} ${d.checkId}: ${d.message.split('\n')[0]}`))
    .toEqual(['dashboards/api.ts:5 dashboard/links: link "SLOs" of dashboard "API" points to the SLO dashboard of "apx", which has no slo(...)']);
});
