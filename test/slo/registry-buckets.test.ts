/**
 * With the histogram's buckets in the registry, an SLO whose latency threshold is no bucket bound
 * (2 s on buckets doubling from 1 ms: …, 1.024, 2.048) fails the build at the slo(...) instead of
 * building rules over an le="2" series that does not exist.
 */
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

const REGISTRY = `import { counter, histogram, registry } from '../dsl/index.ts';

export const api = registry({
  name: 'api',
  metrics: {
    http_requests_total: counter({ labels: ['status'] }),
    http_request_duration_seconds: histogram({ buckets: [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096] }),
  },
});
`;

const sloWith = (threshold: number): string => `import { slo } from '../dsl/index.ts';

export const latency = slo({
  service: 'api', name: 'latency', objective: 95,
  sli: { latency: { histogram: 'http_request_duration_seconds', threshold: ${threshold} } },
});
`;

let p: FixtureProject | undefined;
afterEach(() => {
  p?.cleanup();
  p = undefined;
});

it('refuses a latency threshold between two declared bucket bounds, naming the nearest', async () => {
  p = createFixtureProject({ files: { 'registry/api.ts': REGISTRY, 'slos/api.ts': sloWith(2) } });
  const r = await p.run(['build']);
  expect(r.code).toBe(1);
  const [d] = parseDiagnostics(r.stderr);
  expect([d?.file, d?.line, d?.checkId]).toEqual(['slos/api.ts', 3, 'slo/latency-bucket']);
  expect(d?.message).toContain('the nearest bounds are 1.024 and 2.048');
});

it('builds the SLO when the threshold is a bound', async () => {
  p = createFixtureProject({ files: { 'registry/api.ts': REGISTRY, 'slos/api.ts': sloWith(2.048) } });
  const r = await p.run(['build']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(p.read('out/rules/slos/api.yml')).toContain('le="2.048"');
});

it('takes the buckets of the registry listing the SLO selector\'s job, when another service shares the name', async () => {
  const shared = REGISTRY.replace("name: 'api',", "name: 'api', jobs: ['api'],")
    + "\nexport const other = registry({ name: 'other', jobs: ['other'], metrics: { http_request_duration_seconds: histogram() } });\n";
  p = createFixtureProject({ files: {
    'registry/api.ts': shared,
    'slos/api.ts': sloWith(2).replace("histogram: 'http_request_duration_seconds'", `histogram: 'http_request_duration_seconds_bucket{job="api"}'`),
    'slos/other.ts': sloWith(2).replace("service: 'api'", "service: 'other'").replace("histogram: 'http_request_duration_seconds'", `histogram: 'http_request_duration_seconds_bucket{job="other"}'`),
  } });
  const r = await p.run(['build']);
  expect(parseDiagnostics(r.stderr).map((d) => `${d.file} ${d.checkId}`)).toEqual(['slos/api.ts slo/latency-bucket']);
});

