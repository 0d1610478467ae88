/**
 * Alert label/annotation templates: our Go text/template port against fixed expectations, and
 * against the real `promtool check rules` on generated and mutated templates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGoTemplate, PROMETHEUS_TEMPLATE_FUNCTIONS, ALERT_TEMPLATE_FUNCTIONS } from '../../dsl/rules/go-template/check.ts';
import { PREDECLARED_VARIABLES, PROMETHEUS_TEMPLATE_HEADER } from '../../dsl/rules/go-template/functions.ts';
import { parseGoTemplate } from '../../dsl/rules/go-template/parse.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';
import { REALISTIC_TEMPLATES, generateTemplate, mutate, rng } from './template-corpus.ts';

/** [template, Go's message, line:column of the error, the text the error span covers] */
const INVALID: readonly (readonly [string, string, string, string])[] = [
  ['{{ foo }}', 'function "foo" not defined', '1:4', 'foo'],
  ['{{ humanise $value }}', 'function "humanise" not defined', '1:4', 'humanise'],
  ['{{ $value | humanizePercent }}', 'function "humanizePercent" not defined', '1:13', 'humanizePercent'],
  ['{{ é }}', 'function "é" not defined', '1:4', 'é'],
  ['line1\n{{ $nosuch }}', 'undefined variable "$nosuch"', '2:4', '$nosuch'],
  ['{{ $label.instance }}', 'undefined variable "$label"', '1:4', '$label'],
  ['{{ define "x" }}{{ $labels }}{{ end }}', 'undefined variable "$labels"', '1:20', '$labels'],
  ['{{ if 1 }}{{ $y := 1 }}{{ end }}{{ $y }}', 'undefined variable "$y"', '1:36', '$y'],
  ['{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}', 'undefined variable "$x"', '1:39', '$x'],
  ['{{ if }}', 'missing value for if', '1:7', '}}'],
  ['{{ -}}', 'missing value for command', '1:5', '}}'],
  ['{{ $x := }}', 'missing value for command', '1:10', '}}'],
  ['{{ range $x, }}{{end}}', 'missing value for range', '1:14', '}}'],
  ['{{ block "b" }}x{{ end }}', 'missing value for block clause', '1:14', '}}'],
  ['{{ if true }}\n\nx', 'unexpected EOF', '1:1', '{{ if'],
  ['a{{ range . }}{{ with 1 }}{{ end }}', 'unexpected EOF', '1:2', '{{ range'],
  ['{{end}}', 'unexpected {{end}}', '1:1', '{{end}}'],
  ['{{ else }}', 'unexpected {{else}}', '1:1', '{{ else }}'],
  ['{{ if 1 }}{{ else }}{{ else }}{{ end }}', 'expected end; found {{else}}', '1:21', '{{ else }}'],
  ['{{ with 1 }}{{ else with 2 }}{{ end }}', 'unexpected <with> in else', '1:21', 'with'],
  ['{{ range 1 }}{{ else if 2 }}{{ end }}', 'unexpected <if> in input', '1:22', 'if'],
  ['{{ if 1 }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command', '1:14', 'define'],
  ['{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}', 'template: multiple definition of template "x"', '1:37', '"x"'],
  ['{{ define "__alert_X" }}body{{ end }}', 'template: multiple definition of template "__alert_X"', '1:38', ''],
  ['{{ break }}', '{{break}} outside {{range}}', '1:1', '{{ break }}'],
  ['{{ range . }}{{ else }}{{ continue }}{{ end }}', '{{continue}} outside {{range}}', '1:24', '{{ continue }}'],
  ['{{ range . }}{{ break 1 }}{{ end }}', 'unexpected "1" in {{break}}', '1:23', '1'],
  ['{{ template x }}', 'unexpected "x" in template clause', '1:13', 'x'],
  ['{{ define x }}{{ end }}', 'unexpected "x" in define clause', '1:11', 'x'],
  ['{{ $labels.instance } is down', 'unexpected "}" in operand', '1:21', '}'],
  ['{{{ $labels.x }}}', 'unexpected "{" in command', '1:3', '{'],
  ['{{ if $value > 10 }}high{{ end }}', 'unexpected ">" in operand', '1:14', '>'],
  ['{{ $labels["pod"] }}', "bad character U+005B '['", '1:11', '['],
  ['{{ $labels.instance}x }}', "bad character U+007D '}'", '1:20', '}'],
  ['{{ if "abcdefghijklmnop" = 1 }}{{end}}', 'unexpected "=" in operand', '1:26', '='],
  ['{{ | printf }}', 'unexpected "|" in command', '1:4', '|'],
  ['{{ /* c */ }}', 'unexpected "/" in command', '1:4', '/'],
  ['{{ print 1) }}', 'unexpected ")" in command', '1:11', ')'],
  ['{{ ~ }}', 'unexpected "~" in command', '1:4', '~'],
  ['{{ 1 | 2 }}', 'non executable command in pipeline stage 2', '1:8', '2'],
  ['{{ $value | humanize | "x" }}', 'non executable command in pipeline stage 3', '1:24', '"x"'],
  ['{{ $value+1 }}', "bad character U+002B '+'", '1:10', '+'],
  ['{{ $labels.pod-name }}', "bad character U+002D '-'", '1:15', '-'],
  ['{{ $labels."x" }}', "bad character U+0022 '\"'", '1:12', '"'],
  ['{{ 1+2 }}', 'bad number syntax: "1+2"', '1:4', '1+2'],
  ['{{ 3h }}', 'bad number syntax: "3h"', '1:4', '3h'],
  ['{{-}}', 'illegal number syntax: "-"', '1:3', '-'],
  ['{{ 1e }}', 'illegal number syntax: "1e"', '1:4', '1e'],
  ['{{ 0x1.8 }}', 'illegal number syntax: "0x1.8"', '1:4', '0x1.8'],
  ['{{ 1e400 }}', 'illegal number syntax: "1e400"', '1:4', '1e400'],
  ['{{ 1__0 }}', 'illegal number syntax: "1__0"', '1:4', '1__0'],
  ['{{ 089 }}', 'integer overflow: "089"', '1:4', '089'],
  ['{{ 99999999999999999999 }}', 'integer overflow: "99999999999999999999"', '1:4', '99999999999999999999'],
  ['{{ 1i+2i }}', 'syntax error scanning complex number', '1:4', '1i+2i'],
  ['{{ "\\q" }}', 'invalid syntax', '1:4', '"\\q"'],
  ['{{ "\\400" }}', 'invalid syntax', '1:4', '"\\400"'],
  ['{{ \'\' }}', 'invalid syntax', '1:4', "''"],
  ['{{ \'ab\' }}', "malformed character constant: 'ab'", '1:4', "'ab'"],
  ['{{ "a".b }}', 'unexpected . after term "\\"a\\""', '1:4', '"a".b'],
  ['{{ nil.x }}', 'unexpected . after term "nil"', '1:4', 'nil.x'],
  ['{{ \'a }}', 'unterminated character constant', '1:4', "'a }}"],
  ['{{ `abc }}', 'unterminated raw quoted string', '1:4', '`abc }}'],
  ['{{ "abc }}', 'unterminated quoted string', '1:4', '"abc }}'],
  ['{{ print (1 }}', 'unclosed left paren', '1:10', '('],
  ['{{ print 1\n', 'unclosed action started at __alert_X:1', '1:1', '{{ print 1\n'],
  ['x\n{{ range . }}\n{{ end', 'unclosed action', '3:1', '{{ end'],
  ['{{/* c */ }}', 'comment ends before closing delimiter', '1:1', '{{/* c */'],
  ['{{/* c', 'unclosed comment', '1:1', '{{/* c'],
  ['{{ $x :5 }}', 'undefined variable "$x"', '1:4', '$x'],
  ['{{ :5 }}', 'expected :=', '1:4', ':5'],
  ['{{ … }}', "unrecognized character in action: U+2026 '…'", '1:4', '…'],
  ['{{ \u00a0 }}', 'unrecognized character in action: U+00A0', '1:4', '\u00a0'],
  ['{{ $x, $y := 1 }}', 'too many declarations in command', '1:6', ','],
  ['{{ range $x, 1 }}{{end}}', 'range can only initialize variables', '1:12', ','],
  ['{{ range $x, $y, $z := . }}{{end}}', 'too many declarations in range', '1:16', ','],
];

/** Valid templates and what they read: [template, labels read, uses $value, queries]. */
const VALID: readonly (readonly [string, readonly string[], boolean, readonly string[]])[] = [
  ['{{ $labels.instance }} down', ['instance'], false, []],
  ['{{ .Labels.job }} {{ $.Labels.pod }} {{ index $labels "namespace" }} {{ index .Labels "le" }}', ['job', 'pod', 'namespace', 'le'], false, []],
  ['{{ $value | humanizePercentage }}', [], true, []],
  ['{{ .Value }}', [], true, []],
  ['{{ with query "up == 0" }}{{ . | first | value }}{{ end }}', [], false, ['up == 0']],
  ['{{ "sum(up)" | query | first | value }}', [], false, ['sum(up)']],
  ['{{ range query `rate(x[5m])` }}{{ .Labels.instance }}{{ end }}', [], false, ['rate(x[5m])']],
  ['{{ with $labels.cluster -}} on {{ . }} {{- end }}', ['cluster'], false, []],
  ['{{ if gt $value 10.0 }}high{{ else if gt $value 5.0 }}mid{{ else }}low{{ end }}', [], true, []],
  ['{{ range $i, $x := query "up" }}{{ if $i }}, {{ end }}{{ $x.Labels.job }}{{ end }}', [], false, ['up']],
  ['{{/* comment */}}{{- $labels.a -}}', ['a'], false, []],
  ['{{ $externalLabels.cluster }} {{ $externalURL }} {{ .ExternalURL }}', [], false, []],
  ['{{-3}} {{- 3}} {{ .5 }} {{ 0x1F }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }} {{ 0x1p4 }} {{ 1.5i }} {{ 1+2i }} {{ \'a\' }}', [], false, []],
  ['{{ $x := 1 }}{{ $x = 2 }}{{ $y = 3 }}{{ $x }}', [], false, []],
  ['{{ if 1 }}{{ $y := 1 }}{{ else }}{{ $y }}{{ end }}', [], false, []],
  ['{{ range . }}{{ if . }}{{ break }}{{ end }}{{ continue }}{{ end }}', [], false, []],
  ['{{ define "d" }}{{ .Labels.x }}{{ end }}{{ template "d" . }}{{ block "b" . }}y{{ end }}', [], false, []],
  ['{{ printf |}}', [], false, []],
  ['{{ (1).x }} {{ $ }} {{ nil }} {{ true }}', [], false, []],
  ['{{ .Labels.instance }}}', ['instance'], false, []],
  ['{{ "{{" }} plain }} text {', [], false, []],
  ['{{ print\n  $labels.a\n  $labels.b }}', ['a', 'b'], false, []],
];

describe('checkGoTemplate: Go text/template as promtool 2.42 parses alert templates', () => {
  it.each(INVALID)('%j → %s', (text, message, where, covered) => {
    const res = checkGoTemplate(text, { kind: 'annotation', alertName: 'X' });
    expect(res.valid).toBe(false);
    expect(res.errors).toHaveLength(1);
    const e = res.errors[0];
    expect(e?.message).toBe(message);
    expect(`${e?.line}:${e?.column}`).toBe(where);
    expect(text.slice(e?.start, e?.end)).toBe(covered);
  });

  it.each(VALID)('%j is valid', (text, labels, usesValue, queries) => {
    const res = checkGoTemplate(text, { kind: 'label' });
    expect(res.errors).toEqual([]);
    expect(res.valid).toBe(true);
    expect(res.labelRefs.map((r) => r.name)).toEqual(labels);
    expect(res.usesValue).toBe(usesValue);
    expect(res.queries.map((q) => q.expr)).toEqual(queries);
  });

  it('points label references and queries at the text that holds them', () => {
    const text = 'on {{ $labels.instance }}: {{ query "up" | first | value }} {{ index $labels "job" }}';
    const res = checkGoTemplate(text);
    expect(res.labelRefs.map((r) => text.slice(r.start, r.end))).toEqual(['$labels.instance', 'index $labels "job"']);
    expect(res.queries.map((q) => text.slice(q.start, q.end))).toEqual(['"up"']);
  });

  it('knows every function in Prometheus 2.42 function map and Go builtins, and nothing else', () => {
    expect(PROMETHEUS_TEMPLATE_FUNCTIONS).toHaveLength(26);
    expect(ALERT_TEMPLATE_FUNCTIONS.size).toBe(26 + 19);
    for (const fn of ALERT_TEMPLATE_FUNCTIONS) expect(checkGoTemplate(`{{ ${fn} }}`).valid).toBe(true);
    for (const fn of ['default', 'upper', 'toJson', 'tmpl']) expect(checkGoTemplate(`{{ ${fn} }}`).valid).toBe(false);
  });

  it('refuses hostile nesting with an error instead of overflowing the stack', () => {
    const res = checkGoTemplate(`{{ ${'('.repeat(5000)}1${')'.repeat(5000)} }}`);
    expect(res.errors[0]?.message).toBe('max expression depth exceeded');
  });

  it('gives the same verdict for a template text whichever alert checked it first', () => {
    // Valid results are remembered by text; a text that defines the alert's own template name is
    // valid under any other name and invalid under its own.
    const text = '{{ define "__alert_Cached" }}body{{ end }}{{ $labels.job }}';
    expect(checkGoTemplate(text, { alertName: 'Other' }).valid).toBe(true);
    expect(checkGoTemplate(text, { alertName: 'Cached' }).errors[0]?.message).toBe('template: multiple definition of template "__alert_Cached"');
    expect(checkGoTemplate(text, { alertName: 'Other' }).labelRefs.map((r) => r.name)).toEqual(['job']);
    const shared = 'errors on {{ $labels.instance }}';
    expect(checkGoTemplate(shared, { alertName: 'A' })).toBe(checkGoTemplate(shared, { alertName: 'B', kind: 'label' }));
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against promtool.

interface PromtoolTemplateError {
  readonly line: number;
  readonly message: string;
}

function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * One alerting rule per template (every fifth as a label value, the rest as an annotation), plus
 * recording rules whose labels look like broken templates, which promtool must not parse.
 */
function promtoolCheckTemplates(
  path: string, templates: readonly string[], notTemplates: readonly string[],
): { templateErrors: Map<number, PromtoolTemplateError>; otherErrors: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'obs-templates-'));
  try {
    const lines = ['groups:', '- name: g', '  rules:'];
    templates.forEach((t, i) => {
      lines.push(`  - alert: A${i}`, '    expr: up == 0', `    ${i % 5 === 0 ? 'labels' : 'annotations'}:`, `      t: ${yamlQuote(t)}`);
    });
    notTemplates.forEach((t, i) => lines.push(`  - record: r${i}`, '    expr: up', '    labels:', `      t: ${yamlQuote(t)}`));
    const file = join(dir, 'rules.yml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const res = spawnSync(path, ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = `${res.stdout}\n${res.stderr}`;
    const errors = new Map<number, PromtoolTemplateError>();
    const re = /^.*group "g", rule \d+, "A(\d+)": (label|annotation) "t": template: __alert_A\d+:(\d+): (.*)$/gm;
    for (const m of out.matchAll(re)) errors.set(Number(m[1]), { line: Number(m[3]), message: m[4] ?? '' });
    const otherErrors = out.split('\n').filter((l) => l.includes('group "g", rule ') && !/"A\d+": (label|annotation) "t": template: /.test(l));
    if (res.status !== 0 && errors.size + otherErrors.length === 0) throw new Error(`promtool failed without per-rule errors:\n${out.slice(0, 2000)}`);
    return { templateErrors: errors, otherErrors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function differentialCorpus(seed: number): string[] {
  const r = rng(seed);
  const generated = Array.from({ length: 400 }, () => generateTemplate(r));
  const bases = [...REALISTIC_TEMPLATES, ...generated];
  const mutated: string[] = [];
  while (mutated.length < 700) {
    const base = bases[Math.floor(r() * bases.length)] ?? '';
    const m = mutate(r, base);
    if (m !== undefined) mutated.push(m);
  }
  return [...new Set([...REALISTIC_TEMPLATES, ...generated, ...mutated])];
}

describe('predeclared variables stand in for Prometheus\'s header', () => {
  it('parsing header + template gives the same result, shifted by the header', () => {
    const shift = PROMETHEUS_TEMPLATE_HEADER.length;
    for (const text of differentialCorpus(7)) {
      const name = '__alert_A';
      const direct = parseGoTemplate(text, { functions: ALERT_TEMPLATE_FUNCTIONS, predeclared: PREDECLARED_VARIABLES, name });
      const prefixed = parseGoTemplate(PROMETHEUS_TEMPLATE_HEADER + text, { functions: ALERT_TEMPLATE_FUNCTIONS, name });
      const summary = (r: typeof direct, offset: number): string =>
        r.ok ? 'valid' : `${r.error.goLine}: ${r.error.message} @${r.error.start - offset}-${r.error.end - offset}`;
      expect(summary(prefixed, shift), JSON.stringify(text)).toBe(summary(direct, 0));
    }
  });
});

const skip = promtoolSkipReason();

describe.skipIf(skip !== undefined)('checkGoTemplate agrees with promtool check rules', () => {
  it('on realistic, generated and mutated templates: same verdict, message and line', () => {
    const tool = findPromtool();
    if (!tool) throw new Error('unreachable: promtool checked above');
    const templates = differentialCorpus(20230131);
    const recordingLabels = ['{{ foo }}', '{{ if }}', '{{ $nosuch }}'];
    const { templateErrors: theirs, otherErrors } = promtoolCheckTemplates(tool.path, templates, recordingLabels);
    // Recording rules' labels are never parsed as templates, and nothing else may fail.
    expect(otherErrors).toEqual([]);
    const disagreements: string[] = [];
    let invalid = 0;
    templates.forEach((text, i) => {
      const name = `__alert_A${i}`;
      const parsed = parseGoTemplate(text, { functions: ALERT_TEMPLATE_FUNCTIONS, predeclared: PREDECLARED_VARIABLES, name });
      const ours = parsed.ok ? 'valid' : `${parsed.error.goLine}: ${parsed.error.message}`;
      const t = theirs.get(i);
      const expected = t ? `${t.line}: ${t.message}` : 'valid';
      if (t) invalid++;
      const check = checkGoTemplate(text, { alertName: `A${i}` });
      if (ours !== expected || check.valid !== !t || check.errors[0]?.message !== t?.message) {
        disagreements.push(`${JSON.stringify(text)}\n  ours:     ${ours}\n  promtool: ${expected}`);
      }
    });
    console.info(`template differential: ${templates.length} templates, ${invalid} invalid per promtool, ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    expect(templates.length).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(templates.length / 4);
    expect(templates.length - invalid).toBeGreaterThan(templates.length / 4);
  });
});
