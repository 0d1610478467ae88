/**
 * security/secrets: credentials in any emitted text are found by secretlint (recommended preset,
 * plus the password-assignment pattern) and reported where the author wrote them; a suppression on
 * the definition silences a deliberate one. The tokens below are made up in the vendors' formats.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/security/secrets.ts';
import { alert, dashboard, link, record, ruleGroup, timeseries } from '../../../../dsl/index.ts';
import { emittedTexts } from '../../../../dsl/lint/emitted-texts.ts';
import { scanSecrets } from '../../../../dsl/lint/secrets.ts';
import { runChecks } from '../../../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../../../dsl/promql/target.ts';
import type { Project } from '../../../../dsl/collect/project.ts';
import type { Dashboard } from '../../../../dsl/dashboard/index.ts';
import type { RuleGroup } from '../../../../dsl/rules/index.ts';
import { caseProject } from '../../../helpers/check-tester.ts';
import { dashboardProject } from '../../../dashboard/lint-dashboards.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const SOURCE = readFileSync(THIS_FILE, 'utf8').split('\n');

/** `line:column` (1-based) of `secret` on the only line of this file holding `marker`. */
function at(marker: string, secret: string): string {
  // Not the lines of the expectations themselves, which name the markers.
  const hits = SOURCE.flatMap((l, i) => (l.includes(marker) && !l.includes('at(') ? [`${i + 1}:${l.indexOf(secret) + 1}`] : []));
  if (hits.length !== 1) throw new Error(`${marker} is written ${hits.length} times in the test`);
  return hits[0]!;
}

async function lint(groups: readonly RuleGroup[], dashboards: readonly Dashboard[] = []): Promise<string[]> {
  const project: Project = { ...caseProject({ modules: groups }), ...(dashboards.length ? { dashboards: dashboardProject(dashboards).dashboards } : {}) };
  const secrets = await scanSecrets(emittedTexts(project).map((t) => t.text));
  const options = { target: mustParseTarget('3.5'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] }, secrets };
  return runChecks(project, [check], options).diagnostics.map((d) => {
    expect(d.checkId).toBe('security/secrets');
    expect(d.location?.file).toMatch(/secrets\.test\.ts$/);
    return `${d.location?.line}:${d.location?.column} ${d.message}`;
  });
}

const SLACK = 'https://hooks.slack.com/services/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';
const GITHUB = 'ghp_Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3aE8u';
const GRAFANA = 'glsa_Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3_0a1b2c3d';
const AWS = 'Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3aE8uI2oP';

describe('security/secrets', () => {
  it('accepts ordinary texts: runbook links, templates, password fields that are templates', async () => {
    expect(await lint([ruleGroup({ name: 'g', rules: [
      alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'page' }, annotations: {
        summary: '{{ $labels.instance }} is down', runbook_url: 'https://runbooks.example.com/api-down',
        description: 'password: {{ $labels.pw }} is a template, not a password; see https://user@example.com/x',
      } }),
      record({ name: 'job:up:sum', expr: 'sum by (job) (up)' }),
    ] })], [dashboard({ title: 'API', links: [link({ title: 'Runbook', url: 'https://runbooks.example.com/api' })], panels: [timeseries({ title: 'Up', queries: ['up'] })] })])).toEqual([]);
  });

  it('reports each secret where it is written, naming secretlint rule and message id, the secret masked', async () => {
    const got = await lint([ruleGroup({ name: 'g', labels: { hook: 'https://hooks.slack.com/services/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' }, rules: [
      alert({ name: 'ApiDown', expr: 'up == 0', labels: { token: 'ghp_Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3aE8u' }, annotations: {
        summary: 'call with password: hunter2 now',
        dashboard: 'https://admin:s3cr3tpassw0rd@grafana.example.com/d/api',
        aws: 'aws_secret_access_key = Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3aE8uI2oP',
      } }),
    ] })], [dashboard({ title: 'API', links: [link({ title: 'Grafana', url: `https://grafana.example.com/?token=glsa_Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3_0a1b2c3d` })] })]);
    expect(got.sort()).toEqual([
      `${at(`labels: { hook:`, 'https://hooks')} label "hook" of group "g" holds a secret: found Slack Incoming Webhook: ${'*'.repeat(SLACK.length)} (secretlint slack IncomingWebhook)`,
      `${at(`labels: { token:`, 'ghp_')} label "token" of alert "ApiDown" holds a secret: found GitHub Token(${'*'.repeat(29)}): ${'*'.repeat(GITHUB.length)} (secretlint github GITHUB_TOKEN)`,
      `${at('password: hunter2', 'password: hunter2')} annotation "summary" of alert "ApiDown" holds a secret: a password assignment (password: …) (secretlint pattern PATTERN)`,
      `${at('admin:s3cr3tpassw0rd@grafana', 'https://admin')} annotation "dashboard" of alert "ApiDown" holds a secret: found basic auth credential: ${'*'.repeat('https://admin:s3cr3tpassw0rd@grafana.example.com'.length)} (secretlint basicauth BasicAuth)`,
      `${at(`aws: 'aws_secret_access_key`, 'aws_secret_access_key')} annotation "aws" of alert "ApiDown" holds a secret: found AWS Secret Access Key: ${'*'.repeat(AWS.length)} (secretlint aws AWSSecretAccessKey)`,
      `${at('?token=glsa_', 'glsa_')} dashboard "API" links[0].url holds a secret: found Grafana Service Account token: ${'*'.repeat(GRAFANA.length)} (secretlint grafana GRAFANA_SERVICE_ACCOUNT_TOKEN)`,
    ].sort());
  });

  it('a suppression on the definition silences a deliberate one', async () => {
    expect(await lint([ruleGroup({ name: 'g', rules: [
      alert({ name: 'Example', expr: 'up == 0', annotations: { summary: 'password: correcthorse' }, suppress: [{ check: 'security/secrets', reason: 'the example from the vendor docs' }] }),
    ] })])).toEqual([]);
  });
});
