/**
 * `obs lint` places a problem found inside an expression at the character the author wrote, also
 * when the TS literal spells it differently from its value: escaped quotes in single- and
 * double-quoted strings, `\n` and `\t`, `\u{...}`, a line continuation, an untagged template's
 * `${}`, a multi-line `promql` template. Before, such a string put the problem at the rule's call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

const REGISTRY = `import { counter, registry } from '../dsl/index.ts';

export const api = registry({
  name: 'api',
  jobs: ['api'],
  metrics: {
    http_requests_total: counter({ help: 'Requests.', labels: ['code', 'method'], values: { method: ['GET', 'POST'] } }),
  },
});
`;

// Lines are 1-based below; each problem's column is pinned, and the text there checked.
const ALERTS = [
  /*  1 */ `import { alert, promql, ruleGroup } from '../dsl/index.ts';`,
  /*  2 */ `const job = 'api';`,
  /*  3 */ `export const g = ruleGroup({`,
  /*  4 */ `  name: 'g',`,
  /*  5 */ `  rules: [`,
  /*  6 */ `    alert({ name: 'A', expr: 'sum(rate(http_requests_total{method=\\'GTE\\'}[5m])) > 1', labels: { severity: 'page' } }),`,
  /*  7 */ `    alert({ name: 'B', expr: "sum(rate(http_requests_total{method=\\"PUT\\"}[5m])) > 1", labels: { severity: 'page' } }),`,
  /*  8 */ `    alert({ name: 'C', expr: 'sum(rate(http_requests_total{code=\\"5..\\"}[5m]))\\n  > bogus', labels: { severity: 'page' } }),`,
  /*  9 */ `    alert({ name: 'D', expr: 'sum(rate(http_request_total{job=\\u{22}api\\u{22}}[5m])) > 1', labels: { severity: 'page' } }),`,
  /* 10 */ `    alert({ name: 'E', expr: 'sum(rate(http_requests_total{job="api"}[5m])) \\`,
  /* 11 */ `> nope', labels: { severity: 'page' } }),`,
  /* 12 */ '    alert({ name: \'F\', expr: `sum(rate(http_requests_total{job="${job}", method="DELETE"}[5m])) > 1`, labels: { severity: \'page\' } }),',
  /* 13 */ `    alert({`,
  /* 14 */ `      name: 'G',`,
  /* 15 */ `      expr: promql\``,
  /* 16 */ `        sum(rate(http_requests_total{job=\${job}, method="G\\x45T"}[5m]))`,
  /* 17 */ `          > oops`,
  /* 18 */ `      \`,`,
  /* 19 */ `      labels: { severity: 'page' },`,
  /* 20 */ `    }),`,
  /* 21 */ `  ],`,
  /* 22 */ `});`,
  ``,
].join('\n');

describe('obs lint: problems inside escaped expressions at the exact character', () => {
  let fx: FixtureProject;
  let found: ReturnType<typeof parseDiagnostics>;
  beforeAll(async () => {
    fx = createFixtureProject({ prefix: 'obs-expr-pos-', files: { 'registry/api.ts': REGISTRY, 'alerts/a.ts': ALERTS } });
    const r = await fx.run(['lint']);
    found = parseDiagnostics(r.stdout).filter((d) => d.file === 'alerts/a.ts');
  }, 120_000);
  afterAll(() => fx?.cleanup());

  const lines = ALERTS.split('\n');
  const cases: { name: string; checkId: string; line: number; column: number; text: string }[] = [
    { name: "a value in \\'...\\'", checkId: 'registry/label-value', line: 6, column: 67, text: "\\'GTE\\'" },
    { name: 'a value in \\"...\\"', checkId: 'registry/label-value', line: 7, column: 67, text: '\\"PUT\\"' },
    { name: 'after a \\n escape', checkId: 'registry/unknown-metric', line: 8, column: 85, text: 'bogus' },
    { name: 'a metric before \\u{22} escapes', checkId: 'registry/unknown-metric', line: 9, column: 40, text: 'http_request_total' },
    { name: 'after a line continuation', checkId: 'registry/unknown-metric', line: 11, column: 3, text: 'nope' },
    { name: 'after a ${} in an untagged template', checkId: 'registry/label-value', line: 12, column: 81, text: '"DELETE"' },
    { name: 'in a multi-line promql template, after a \\x45 escape and its dedent', checkId: 'registry/unknown-metric', line: 17, column: 13, text: 'oops' },
  ];
  it.each(cases)('$name: $checkId at $line:$column', (c) => {
    const d = found.find((x) => x.checkId === c.checkId && x.line === c.line);
    expect(d, JSON.stringify(found, null, 1)).toBeDefined();
    expect(d!.column).toBe(c.column);
    expect((lines[c.line - 1] ?? '').slice(c.column - 1, c.column - 1 + c.text.length)).toBe(c.text);
  });
});
