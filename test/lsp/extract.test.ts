/**
 * Finding the PromQL in a TS module's unsaved text, and the checks and completion on it: what the
 * checker sees for each kind of literal, and that every character maps back to where it is written
 * (escapes, `${...}` substitutions, CRLF), so problems land on the exact character.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../dsl/config/load.ts';
import { counter, gauge, registry } from '../../dsl/index.ts';
import { extractPromQL, inPlaceholder, sourceOffset } from '../../dsl/lsp/extract.ts';
import type { Snapshot } from '../../dsl/lsp/snapshot.ts';
import { Workspace } from '../../dsl/lsp/workspace.ts';

const texts = (src: string, file = 'alerts/x.ts') => extractPromQL(file, src).texts;

/** The source text that the embedded text's [from, to) came from. */
const written = (src: string, e: ReturnType<typeof texts>[number], from: number, to: number) => src.slice(sourceOffset(e, from), sourceOffset(e, to));

describe('extractPromQL', () => {
  const cases: { name: string; src: string; text: string; context?: 'rule' | 'dashboard'; placeholders?: number }[] = [
    { name: 'a promql template, a matcher value substituted from a const and quoted', src: 'const job = "api";\nx = promql`up{job=${job}} == 0`;', text: 'up{job="api"} == 0' },
    { name: 'a duration and a number from consts', src: "const w = '5m'; const t = 0.5;\nx = promql`rate(a_total[${w}]) > ${t}`;", text: 'rate(a_total[5m]) > 0.5' },
    { name: 'a promql fragment spliced, parenthesized as the template does', src: 'const errs = promql`a + b`;\nx = promql`${errs} / c`;', text: '(a + b) / c', placeholders: 1 },
    { name: 'name() spliced unquoted', src: "x = promql`${name('up')}{job=\"a\"}`;", text: 'up{job="a"}' },
    { name: 'an unknown matcher value becomes a quoted placeholder', src: 'x = promql`up{job=${f()}}`;', text: 'up{job="x"}', placeholders: 1 },
    { name: 'escaped quotes in a double-quoted string', src: 'alert({ expr: "up{job=\\"a\\"} == 0" });', text: 'up{job="a"} == 0' },
    { name: 'a \\n escape and a line continuation', src: "alert({ expr: 'up\\n  == 0 \\\n' });", text: 'up\n  == 0 ' },
    { name: 'CRLF line ends in a template', src: 'alert({ expr: promql`up\r\n== 0` });', text: 'up\n== 0' },
    { name: 'an untagged template with a string const inside braces', src: 'const sel = `job="a"`;\nq({ expr: `rate(x_total{${sel}}[5m])` });', text: 'rate(x_total{job="a"}[5m])' },
    { name: 'unknown matchers inside braces become a placeholder matcher', src: 'q({ expr: `rate(x_total{${f()}}[5m])` });', text: 'rate(x_total{obs_value=""}[5m])', placeholders: 1 },
    { name: 'a dashboard query: Grafana variables substituted, same length', src: "prometheusQuery({ expr: 'rate(x_total{job=~\"$job\"}[$__rate_interval])' });", text: 'rate(x_total{job=~"xxxx"}[5m              ])', context: 'dashboard', placeholders: 2 },
    { name: "a variable query's selector", src: "queryVariable({ name: 'i', query: 'label_values(up{job=\"a\"}, instance)' });", text: 'up{job="a"}', context: 'dashboard' },
    { name: 'an SLO selector', src: "slo({ sli: { ratio: { total: 'a_total', bad: 'a_total{code=~\"5..\"}' } } });", text: 'a_total{code=~"5.."}' },
  ];
  it.each(cases)('$name', ({ src, text, context, placeholders }) => {
    // The last one: a fragment's own template comes first.
    const e = texts(src).at(-1);
    expect(e?.text).toBe(text);
    if (context) expect(e?.context).toBe(context);
    expect(e?.placeholders ?? []).toHaveLength(placeholders ?? 0);
  });

  it('maps each character of the text back to the source, past escapes and substitutions', () => {
    const src = 'const job = "api";\nalert({ name: "A", expr: promql`up{job=${job}, env=\\"p\\"} == 0` });';
    const [e] = texts(src);
    expect(e?.text).toBe('up{job="api", env="p"} == 0');
    const at = e!.text.indexOf('env');
    expect(written(src, e!, at, at + 3)).toBe('env');
    // The substituted value maps to the `${`.
    expect(src.slice(sourceOffset(e!, e!.text.indexOf('"api"')))).toMatch(/^\$\{job\}/);
    const p = e!.text.indexOf('"p"');
    expect(written(src, e!, p, p + 3)).toBe('\\"p\\"');
    expect(e?.alert).toBe(true);
    expect(e?.alertName).toBe('A');
  });

  it('knows the record name and the suppressions around an expression', () => {
    const src = "export const s = fileSuppressions([{ check: 'registry/unknown-label', reason: 'r' }]);\n"
      + "ruleGroup({ name: 'g', rules: [record({ name: 'job:a:rate5m', expr: 'sum by (job) (rate(a_total[5m]))', suppress: [{ check: 'registry/unknown-metric', reason: 'new' }] })] });";
    const x = extractPromQL('recording/x.ts', src);
    expect(x.texts[0]?.records).toBe('job:a:rate5m');
    expect(x.texts[0]?.suppress).toEqual([{ check: 'registry/unknown-metric', reason: 'new' }]);
    expect(x.fileSuppressions).toEqual([{ check: 'registry/unknown-label', reason: 'r' }]);
  });

  it('leaves LogQL and unrelated strings alone', () => {
    expect(texts("lokiQuery({ expr: '{job=\"a\"} |= \"x\"' }); x({ title: 'rate(a[5m])' });")).toEqual([]);
  });

  it('still finds the PromQL of a module that is not valid TS', () => {
    const [e] = texts('alert({ expr: promql`rate(up[5m]` ))) {{{ const');
    expect(e?.text).toBe('rate(up[5m]');
  });

  it('tells a placeholder\'s source span from the author\'s characters', () => {
    const src = 'x = promql`up{job=${f()}} == 0`;';
    const [e] = texts(src);
    expect(inPlaceholder(e!, src.indexOf('${'))).toBe(true);
    expect(inPlaceholder(e!, src.indexOf('== 0'))).toBe(false);
    expect(inPlaceholder(e!, src.indexOf('up'), src.indexOf('${') + 1)).toBe(true);
  });
});

describe('Workspace', () => {
  const api = registry({
    name: 'api', jobs: ['api'],
    metrics: {
      http_requests_total: counter({ help: 'Requests.', labels: ['code', 'method'], values: { method: ['GET', 'POST'] } }),
      queue_depth: gauge({ help: 'Jobs waiting.' }),
    },
  });
  const config = resolveConfig('/nowhere', {});
  const snapshot: Snapshot = {
    target: '2.42', features: [], settings: { policy: config.policy, lint: config.lint, registry: config.registry }, diagnostics: [], registries: [api], ms: 0,
    recorded: [{ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))', module: 'recording/api.ts', group: 'g', site: { file: 'recording/api.ts', line: 3, column: 5 } }],
  };
  const ws = new Workspace('/nowhere', snapshot);

  it('reports a misspelt metric at its characters, with the suggestion, and not what stands in for a substitution', () => {
    const src = 'alert({ name: "A", expr: promql`rate(http_request_total{job=${j}, code=${f()}}[5m]) > 0 and rate(http_requests_total{method=\\"GTE\\"}[5m]) > 0` });';
    const { diagnostics } = ws.check('alerts/a.ts', src);
    const unknown = diagnostics.find((d) => d.diagnostic.checkId === 'registry/unknown-metric');
    expect(src.slice(unknown!.start, unknown!.end)).toBe('http_request_total');
    expect(unknown?.diagnostic.hint).toBe('did you mean "http_requests_total"?');
    expect(unknown?.diagnostic.message).toContain('(in alert "A")');
    const value = diagnostics.find((d) => d.diagnostic.checkId === 'registry/label-value');
    expect(src.slice(value!.start, value!.end)).toBe('\\"GTE\\"');
    expect(diagnostics.map((d) => d.diagnostic.checkId).sort()).toEqual(['registry/label-value', 'registry/unknown-metric']);
  });

  it('honours the suppressions written on the definition', () => {
    const src = "alert({ name: 'A', expr: 'rate(http_request_total[5m]) > 0', suppress: [{ check: 'registry/unknown-metric', reason: 'r' }] });";
    expect(ws.check('alerts/a.ts', src).diagnostics).toEqual([]);
  });

  it('completes metric names, label names and closed values where the cursor is', () => {
    const src = "alert({ expr: 'rate(http_re{method=\"G\"}[5m])' });";
    const names = ws.complete('alerts/a.ts', src, src.indexOf('http_re') + 7);
    expect(names.filter((c) => c.kind === 'metric').map((c) => c.label)).toEqual(['http_requests_total', 'job:http_requests:rate5m', 'queue_depth']);
    expect(names.filter((c) => c.kind === 'function').map((c) => c.label)).toContain('histogram_quantile');
    expect(names[0]).toMatchObject({ detail: 'counter · registry api', documentation: 'Requests.', start: src.indexOf('http_re') });
    const src2 = "alert({ expr: 'rate(http_requests_total{method=\"G\"}[5m])' });";
    expect(ws.complete('alerts/a.ts', src2, src2.indexOf('"G') + 2).map((c) => c.label)).toEqual(['GET', 'POST']);
    // The metric's own labels and the target labels relabelling adds (registry.relabelledLabels, Kubernetes defaults).
    expect(ws.complete('alerts/a.ts', src2, src2.indexOf('total{') + 6).map((c) => c.label)).toEqual(['cluster', 'code', 'container', 'endpoint', 'instance', 'job', 'method', 'namespace', 'node', 'pod', 'service']);
    const src3 = "alert({ expr: 'sum by () (rate(http_requests_total[5m]))' });";
    expect(ws.complete('alerts/a.ts', src3, src3.indexOf('by (') + 4).map((c) => c.label)).toContain('method');
  });

  it('describes a series from its registry or the recording rule that records it', () => {
    expect(ws.describe('http_requests_total')).toMatchObject({ type: 'counter', help: 'Requests.', from: ['registry api'] });
    expect(ws.describe('job:http_requests:rate5m')).toMatchObject({ from: ['recording rule job:http_requests:rate5m (group g, recording/api.ts)'], sites: [{ file: 'recording/api.ts', line: 3 }] });
    expect(ws.describe('nope')).toBeUndefined();
  });
});
