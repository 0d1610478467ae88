/**
 * A catalogue of broken definitions. Each case is a small project that builds cleanly (its out/ is
 * written by a real build), then has exactly one definition broken. `obs build` must then:
 *   - exit 1,
 *   - report exactly one error, from the right check, at the TS file:line the author has to fix
 *     (the line marked `// ERROR` in the fixture) and, where meaningful, the right column: the
 *     call of the definition, or the position inside the PromQL string that promtool 2.42 reports,
 *   - leave out/ byte-identical.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectBinaryAgrees, expectBrokenBuild } from '../helpers/broken-build.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

const CONFIG = `import { defineConfig } from './dsl/index.ts';

export default defineConfig({
  prometheus: { version: '2.42' },
  policy: {
    requiredAlertLabels: { severity: ['page', 'ticket', 'info'] },
    requiredAnnotations: ['summary'],
    alertNamePattern: '^[A-Z][A-Za-z0-9]+$',
  },
});
`;

const ALERTS = `import { alert, promql, ruleGroup } from '../dsl/index.ts';

export const apiAlerts = ruleGroup({
  name: 'api.alerts',
  rules: [
    alert({
      name: 'ApiDown',
      expr: 'up{job="api"} == 0',
      for: '2m',
      labels: { severity: 'page', team: 'web' },
      annotations: { summary: 'api instance {{ $labels.instance }} is down' },
    }),
    alert({
      name: 'ApiHighErrorRate',
      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,
      for: '10m',
      keepFiringFor: '5m',
      labels: { severity: 'ticket', team: 'web' },
      annotations: { summary: 'api errors at {{ $value | humanizePercentage }}' },
    }),
  ],
});
`;

const RECORDING = `import { promql, record, ruleGroup, type RecordSpec } from '../dsl/index.ts';

export const apiRecording = ruleGroup({
  name: 'api.recording',
  interval: '30s',
  rules: [
    record({
      name: 'job:http_requests:rate5m',
      expr: 'sum by (job) (rate(http_requests_total[5m]))',
    }),
    record({
      name: 'job:http_request_errors:ratio_rate5m',
      expr: promql\`
        sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
        /
        sum by (job) (rate(http_requests_total[5m]))\`,
    }),
  ],
});

// Keeps the type import used in the valid version too.
export type Spec = RecordSpec;
`;

const BASE: Readonly<Record<string, string>> = { 'alerts/api.ts': ALERTS, 'recording/api.ts': RECORDING };

/** Where on the `// ERROR` line the diagnostic must point. */
type Column =
  /** At the call of this function (the definition's call site), e.g. `alert(`. */
  | { readonly call: string }
  /** Inside the PromQL text: `exprLine` is the expression's line that holds the error (as it appears on the marked line), `column` promtool 2.42's 1-based column in it. */
  | { readonly exprLine: string; readonly column: number }
  /** Only the line is pinned. */
  | { readonly lineOnly: true };

interface BrokenCase {
  readonly name: string;
  readonly checkId: string;
  /** The file that is changed, and where the error must be reported. */
  readonly file: string;
  /** Replace one snippet of a base module, or add a new module. */
  readonly change: { readonly from: string; readonly to: string } | { readonly add: string };
  readonly at: Column;
  /** What the message must say (promtool's text for PromQL errors). */
  readonly message?: RegExp;
}

const ALERT_1 = `    alert({
      name: 'ApiDown',`;
const ALERT_2 = `    alert({
      name: 'ApiHighErrorRate',`;
const RECORD_1 = `    record({
      name: 'job:http_requests:rate5m',`;
const RECORD_2 = `    record({
      name: 'job:http_request_errors:ratio_rate5m',`;

const CASES: readonly BrokenCase[] = [
  // --- PromQL (promql/syntax), located inside the expression --------------------------------------
  {
    name: 'an unclosed parenthesis in an alert expression',
    checkId: 'promql/syntax', file: 'alerts/api.ts',
    change: { from: `expr: 'up{job="api"} == 0',`, to: `expr: 'sum(up{job="api"} == 0', // ERROR` },
    at: { exprLine: 'sum(up{job="api"} == 0', column: 23 }, message: /^unclosed left parenthesis/,
  },
  {
    name: 'an unknown function in a recording rule',
    checkId: 'promql/syntax', file: 'recording/api.ts',
    change: { from: `expr: 'sum by (job) (rate(http_requests_total[5m]))',`, to: `expr: 'sum by (job) (rat(http_requests_total[5m]))', // ERROR` },
    at: { exprLine: 'sum by (job) (rat(http_requests_total[5m]))', column: 15 }, message: /^unknown function with name "rat"/,
  },
  {
    name: 'rate() on an instant vector',
    checkId: 'promql/syntax', file: 'recording/api.ts',
    change: { from: `expr: 'sum by (job) (rate(http_requests_total[5m]))',`, to: `expr: 'sum by (job) (rate(http_requests_total))', // ERROR` },
    at: { exprLine: 'sum by (job) (rate(http_requests_total))', column: 20 },
    message: /^expected type range vector in call to function "rate", got instant vector/,
  },
  // --- Alert templates (rules/template), located inside the annotation string --------------------
  {
    name: 'an unclosed action in an annotation template',
    checkId: 'rules/template', file: 'alerts/api.ts',
    change: { from: `annotations: { summary: 'api instance {{ $labels.instance }} is down' },`, to: `annotations: { summary: 'api instance {{ $labels.instance } is down' }, // ERROR` },
    at: { lineOnly: true }, message: /template: .*unexpected "}" in operand/,
  },
  {
    name: 'an unknown template function in an annotation',
    checkId: 'rules/template', file: 'alerts/api.ts',
    change: { from: `annotations: { summary: 'api errors at {{ $value | humanizePercentage }}' },`, to: `annotations: { summary: 'api errors at {{ $value | humanisePercentage }}' }, // ERROR` },
    at: { lineOnly: true }, message: /template: function "humanisePercentage" not defined/,
  },
  {
    name: 'an invalid regular expression in a matcher',
    checkId: 'promql/syntax', file: 'alerts/api.ts',
    change: { from: `expr: 'up{job="api"} == 0',`, to: `expr: 'up{job=~"api(-canary"} == 0', // ERROR` },
    at: { exprLine: 'up{job=~"api(-canary"} == 0', column: 4 }, message: /^error parsing regexp: missing closing \)/,
  },
  {
    name: 'an operator without a right-hand side in a promql`` template',
    checkId: 'promql/syntax', file: 'alerts/api.ts',
    change: {
      from: 'expr: promql`job:http_request_errors:ratio_rate5m{job="api"} > 0.05`,',
      to: 'expr: promql`job:http_request_errors:ratio_rate5m{job="api"} >`, // ERROR',
    },
    at: { exprLine: 'job:http_request_errors:ratio_rate5m{job="api"} >', column: 50 }, message: /^unexpected end of input/,
  },
  {
    name: 'an error on the first line of a multi-line promql`` template',
    checkId: 'promql/syntax', file: 'recording/api.ts',
    change: {
      from: `        sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))\n        /`,
      // Inside the template the marker has to be a PromQL comment.
      to: `        sum by (job) (rate(http_requests_total{code=~"5(.."}[5m])) # // ERROR\n        /`,
    },
    at: { exprLine: 'sum by (job) (rate(http_requests_total{code=~"5(.."}[5m]))', column: 40 }, message: /^error parsing regexp/,
  },
  {
    name: 'an error on the last line of a multi-line promql`` template',
    checkId: 'promql/syntax', file: 'recording/api.ts',
    change: {
      from: '        sum by (job) (rate(http_requests_total[5m]))`,',
      to: '        sum by (job) (rate(http_requests_total[5m])))`, // ERROR',
    },
    at: { exprLine: 'sum by (job) (rate(http_requests_total[5m])))', column: 46 }, message: /^unexpected right parenthesis/,
  },
  {
    name: 'an empty expression',
    checkId: 'promql/syntax', file: 'alerts/api.ts',
    change: { from: `${ALERT_1}\n      expr: 'up{job="api"} == 0',`, to: `    alert({ // ERROR\n      name: 'ApiDown',\n      expr: '',` },
    at: { call: 'alert(' }, message: /empty expression/,
  },
  // --- durations and limits (rules/durations), located at the definition ---------------------------
  {
    name: "for: '5mins' (not a Prometheus duration)",
    checkId: 'rules/durations', file: 'alerts/api.ts',
    change: { from: `${ALERT_1}\n      expr: 'up{job="api"} == 0',\n      for: '2m',`, to: `    alert({ // ERROR\n      name: 'ApiDown',\n      expr: 'up{job="api"} == 0',\n      for: '5mins',` },
    at: { call: 'alert(' }, message: /^for of alert "ApiDown" is not a valid duration: "5mins"/,
  },
  {
    name: "for: '1.5h' (fractional durations are not Prometheus durations)",
    checkId: 'rules/durations', file: 'alerts/api.ts',
    change: { from: `${ALERT_2}\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',`, to: `    alert({ // ERROR\n      name: 'ApiHighErrorRate',\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '1.5h',` },
    at: { call: 'alert(' }, message: /"1\.5h"/,
  },
  {
    name: "keepFiringFor: '-5m'",
    checkId: 'rules/durations', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_2}\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',`,
      to: `    alert({ // ERROR\n      name: 'ApiHighErrorRate',\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '-5m',`,
    },
    at: { call: 'alert(' }, message: /^keepFiringFor of alert "ApiHighErrorRate" is not a valid duration: "-5m"/,
  },
  {
    name: "a group interval of '0s'",
    checkId: 'rules/durations', file: 'recording/api.ts',
    change: { from: `export const apiRecording = ruleGroup({\n  name: 'api.recording',\n  interval: '30s',`, to: `export const apiRecording = ruleGroup({ // ERROR\n  name: 'api.recording',\n  interval: '0s',` },
    at: { call: 'ruleGroup(' }, message: /^interval of group "api.recording" must be greater than 0/,
  },
  {
    name: 'a negative group limit',
    checkId: 'rules/durations', file: 'alerts/api.ts',
    change: { from: `export const apiAlerts = ruleGroup({\n  name: 'api.alerts',`, to: `export const apiAlerts = ruleGroup({ // ERROR\n  name: 'api.alerts',\n  limit: -1,` },
    at: { call: 'ruleGroup(' }, message: /^limit of group "api.alerts" must be a whole number >= 0, got -1/,
  },
  {
    name: 'a fractional group limit',
    checkId: 'rules/durations', file: 'recording/api.ts',
    change: { from: `export const apiRecording = ruleGroup({\n  name: 'api.recording',`, to: `export const apiRecording = ruleGroup({ // ERROR\n  name: 'api.recording',\n  limit: 2.5,` },
    at: { call: 'ruleGroup(' }, message: /got 2\.5/,
  },
  // --- duplicates -------------------------------------------------------------------------------
  {
    name: 'two groups with the same name in one module (the second one is reported)',
    checkId: 'rules/duplicate-group', file: 'alerts/api.ts',
    change: {
      from: '\n});\n',
      to: `\n});

export const moreApiAlerts = ruleGroup({ // ERROR
  name: 'api.alerts',
  rules: [
    alert({
      name: 'ApiSlow',
      expr: 'job:http_request_duration_seconds:p99_5m{job="api"} > 1',
      labels: { severity: 'ticket' },
      annotations: { summary: 'api is slow' },
    }),
  ],
});
`,
    },
    at: { call: 'ruleGroup(' }, message: /^group "api.alerts" is defined twice in alerts\/api.ts/,
  },
  // Same-named rules (rules/duplicate-rule) are a warning, as promtool's lint: test/lint/checks/rules/duplicate-rule.test.ts.
  // --- fields (rules/fields) ----------------------------------------------------------------------
  {
    name: 'a recording rule with `for` (through a cast, as plain JS could)',
    checkId: 'rules/fields', file: 'recording/api.ts',
    change: {
      from: `${RECORD_1}\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',\n    }),`,
      to: `    record({ // ERROR\n      name: 'job:http_requests:rate5m',\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',\n      for: '5m',\n    } as RecordSpec),`,
    },
    at: { call: 'record(' }, message: /a recording rule cannot have for/,
  },
  {
    name: 'a recording rule with annotations (through a cast)',
    checkId: 'rules/fields', file: 'recording/api.ts',
    change: {
      from: `${RECORD_1}\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',\n    }),`,
      to: `    record({ // ERROR\n      name: 'job:http_requests:rate5m',\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',\n      annotations: { summary: 'request rate' },\n    } as RecordSpec),`,
    },
    at: { call: 'record(' }, message: /a recording rule cannot have annotations/,
  },
  {
    name: 'a misspelt field `anotations` on an alert',
    checkId: 'rules/fields', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_1}\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'page', team: 'web' },\n      annotations:`,
      to: `    alert({ // ERROR\n      name: 'ApiDown',\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'page', team: 'web' },\n      anotations:`,
    },
    at: { call: 'alert(' }, message: /unknown field "anotations"/,
  },
  {
    name: 'queryOffset on a group when the target is Prometheus 2.42',
    checkId: 'rules/fields', file: 'alerts/api.ts',
    change: { from: `export const apiAlerts = ruleGroup({\n  name: 'api.alerts',`, to: `export const apiAlerts = ruleGroup({ // ERROR\n  name: 'api.alerts',\n  queryOffset: '1m',` },
    at: { call: 'ruleGroup(' }, message: /queryOffset, which Prometheus 2.42 does not support \(needs 2.53\)/,
  },
  {
    name: 'group labels when the target is Prometheus 2.42',
    checkId: 'rules/fields', file: 'recording/api.ts',
    change: { from: `export const apiRecording = ruleGroup({\n  name: 'api.recording',`, to: `export const apiRecording = ruleGroup({ // ERROR\n  name: 'api.recording',\n  labels: { tier: 'backend' },` },
    at: { call: 'ruleGroup(' }, message: /group labels, which Prometheus 2.42 does not support \(needs 3.0\)/,
  },
  // --- names (rules/names) ------------------------------------------------------------------------
  {
    name: 'a recording rule named job-http-rate (dashes are not allowed in metric names)',
    checkId: 'rules/names', file: 'recording/api.ts',
    change: { from: RECORD_1, to: `    record({ // ERROR\n      name: 'job-http-rate',` },
    at: { call: 'record(' }, message: /^invalid recording rule name "job-http-rate"/,
  },
  {
    name: 'a recording rule name with braces',
    checkId: 'rules/names', file: 'recording/api.ts',
    change: { from: RECORD_1, to: `    record({ // ERROR\n      name: 'job:http_requests:rate5m{job="api"}',` },
    at: { call: 'record(' }, message: /braces belong in expr/,
  },
  {
    name: 'an invalid label name team-name on an alert',
    checkId: 'rules/names', file: 'alerts/api.ts',
    change: { from: `${ALERT_2}\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { severity: 'ticket', team: 'web' },`, to: `    alert({ // ERROR\n      name: 'ApiHighErrorRate',\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { severity: 'ticket', 'team-name': 'web' },` },
    at: { call: 'alert(' }, message: /^invalid label name "team-name" on alert "ApiHighErrorRate"/,
  },
  {
    name: '__name__ as a rule label',
    checkId: 'rules/names', file: 'recording/api.ts',
    change: {
      from: `${RECORD_1}\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',`,
      to: `    record({ // ERROR\n      name: 'job:http_requests:rate5m',\n      expr: 'sum by (job) (rate(http_requests_total[5m]))',\n      labels: { __name__: 'requests' },`,
    },
    at: { call: 'record(' }, message: /^invalid label name "__name__"/,
  },
  {
    name: 'an invalid annotation name runbook-url',
    checkId: 'rules/names', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_1}\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'page', team: 'web' },\n      annotations: {`,
      to: `    alert({ // ERROR\n      name: 'ApiDown',\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'page', team: 'web' },\n      annotations: { 'runbook-url': 'https://runbooks.example.com/api',`,
    },
    at: { call: 'alert(' }, message: /^invalid annotation name "runbook-url"/,
  },
  // --- collecting modules -------------------------------------------------------------------------
  {
    name: 'a module that throws while it is imported',
    checkId: 'collect/module-error', file: 'alerts/thresholds.ts',
    change: {
      add: `import { alert, ruleGroup } from '../dsl/index.ts';

const thresholds: Record<string, { errorRatio: number }> = { web: { errorRatio: 0.05 } };

export const thresholdAlerts = ruleGroup({
  name: 'thresholds',
  rules: [
    alert({
      name: 'ApiErrorRatio',
      expr: \`job:http_request_errors:ratio_rate5m > \${thresholds['api']!.errorRatio}\`, // ERROR
      labels: { severity: 'page' },
      annotations: { summary: 'too many errors' },
    }),
  ],
});
`,
    },
    at: { lineOnly: true }, message: /^alerts\/thresholds.ts failed to load: Cannot read properties of undefined/,
  },
  {
    name: 'a module whose promql`` template refuses an interpolated value at import time',
    checkId: 'collect/module-error', file: 'alerts/window.ts',
    change: {
      add: `import { alert, promql, ruleGroup } from '../dsl/index.ts';

const window = '5mins';

export const windowAlerts = ruleGroup({
  name: 'window',
  rules: [
    alert({
      name: 'ApiNoTraffic',
      expr: promql\`sum(rate(http_requests_total[\${window}])) == 0\`, // ERROR
      labels: { severity: 'ticket' },
      annotations: { summary: 'no traffic' },
    }),
  ],
});
`,
    },
    at: { lineOnly: true }, message: /failed to load: invalid duration "5mins"/,
  },
  {
    name: 'an alert exported without a ruleGroup',
    checkId: 'collect/stray-rule', file: 'alerts/stray.ts',
    change: {
      add: `import { alert } from '../dsl/index.ts';

export const lonelyAlert = alert({ // ERROR
  name: 'ApiLonely',
  expr: 'up == 0',
  labels: { severity: 'page' },
  annotations: { summary: 'not in a group' },
});
`,
    },
    at: { call: 'alert(' }, message: /alerts\/stray.ts exports lonelyAlert \(a single alert rule: put it in a ruleGroup\)/,
  },
  // --- team policy from obs.config.ts (rules/policy) ----------------------------------------------
  {
    name: 'an alert without the severity label the policy requires',
    checkId: 'rules/policy', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_2}\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { severity: 'ticket', team: 'web' },`,
      to: `    alert({ // ERROR\n      name: 'ApiHighErrorRate',\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { team: 'web' },`,
    },
    at: { call: 'alert(' }, message: /^alert "ApiHighErrorRate" has no "severity" label/,
  },
  {
    name: 'a severity value the policy does not allow',
    checkId: 'rules/policy', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_1}\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'page', team: 'web' },`,
      to: `    alert({ // ERROR\n      name: 'ApiDown',\n      expr: 'up{job="api"} == 0',\n      for: '2m',\n      labels: { severity: 'critical', team: 'web' },`,
    },
    at: { call: 'alert(' }, message: /^alert "ApiDown" has severity="critical", which is not one of "page", "ticket", "info"/,
  },
  {
    name: 'an alert without the summary annotation the policy requires',
    checkId: 'rules/policy', file: 'alerts/api.ts',
    change: {
      from: `${ALERT_2}\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { severity: 'ticket', team: 'web' },\n      annotations: { summary:`,
      to: `    alert({ // ERROR\n      name: 'ApiHighErrorRate',\n      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,\n      for: '10m',\n      keepFiringFor: '5m',\n      labels: { severity: 'ticket', team: 'web' },\n      annotations: { description:`,
    },
    at: { call: 'alert(' }, message: /^alert "ApiHighErrorRate" has no "summary" annotation/,
  },
  {
    name: 'an alert name that does not match the naming policy',
    checkId: 'rules/policy', file: 'alerts/api.ts',
    change: { from: ALERT_1, to: `    alert({ // ERROR\n      name: 'api_down',` },
    at: { call: 'alert(' }, message: /^alert name "api_down" does not match \/\^\[A-Z\]\[A-Za-z0-9\]\+\$\//,
  },
];

function apply(p: FixtureProject, c: BrokenCase): void {
  if ('add' in c.change) p.write(c.file, c.change.add);
  else p.replace(c.file, c.change.from, c.change.to);
}

function expectedColumn(lineText: string, at: Column): number | undefined {
  if ('lineOnly' in at) return undefined;
  const needle = 'call' in at ? at.call : at.exprLine;
  const i = lineText.indexOf(needle);
  if (i < 0) throw new Error(`fixture: ${JSON.stringify(needle)} is not on the marked line ${JSON.stringify(lineText)}`);
  return i + 1 + ('call' in at ? 0 : at.column - 1);
}

describe('a broken definition fails the build with one located error and leaves out/ untouched', () => {
  let fixture: FixtureProject | undefined;
  afterEach(() => {
    fixture?.cleanup();
    fixture = undefined;
  });

  it('the catalogue has at least 24 cases, each with exactly one // ERROR marker', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(24);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) {
      const text = 'add' in c.change ? c.change.add : c.change.to;
      expect(text.split('// ERROR').length - 1, c.name).toBe(1);
    }
  });

  for (const c of CASES) it(`${c.name} → ${c.checkId} at the marked line`, async () => {
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    await expectBrokenBuild(p, () => apply(p, c), {
      checkId: c.checkId, file: c.file, ...(c.message ? { message: c.message } : {}),
      line: () => p.lineOf(c.file),
      column: (lineText) => expectedColumn(lineText, c.at),
    });
  });
});

/**
 * The catalogue runs `main()` in-process, where vitest (not tsx) transforms the fixture modules.
 * Call sites come from source-mapped stack traces, so check on a few cases that the real `obs`
 * binary (node + tsx) reports the very same diagnostics.
 */
describe('the obs binary reports the same diagnostics as the in-process run', () => {
  const SAMPLE = ['an unclosed parenthesis in an alert expression', "for: '5mins' (not a Prometheus duration)", 'a module that throws while it is imported'];
  let fixture: FixtureProject | undefined;
  afterEach(() => {
    fixture?.cleanup();
    fixture = undefined;
  });

  it.each(SAMPLE)('%s', async (name) => {
    const c = CASES.find((x) => x.name === name);
    if (!c) throw new Error(`no catalogue case ${name}`);
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    apply(p, c);
    expect(await expectBinaryAgrees(p)).toHaveLength(1);
  });
});
