/**
 * Every value reaches Prometheus exactly: alerts whose labels, annotations and matcher values hold
 * hostile text (every C0 and C1 control, DEL, U+2028/U+2029, BOM, YAML indicators, words YAML 1.1
 * reads as booleans or null, numbers as strings, a 20,000-character line, CRLF...) are built by obs
 * in all three rule outputs, checked with `promtool check rules`, loaded into a real Prometheus on
 * loopback, and read back from /api/v1/rules: the rule's labels and annotations as loaded, and the
 * firing alert's labels (the matcher value comes back through absent()) and expanded annotation,
 * compared with the TS strings code unit for code unit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';
import { freeLoopbackPort, prometheusSkipReason, startPrometheus, tearDownLive, type RunningPrometheus } from '../helpers/prometheus.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';

const C0 = Array.from({ length: 0x20 }, (_, c) => `c${String.fromCharCode(c)}c`);
const C1 = Array.from({ length: 0x20 }, (_, c) => `c${String.fromCharCode(0x80 + c)}c`);
/** Hostile texts; none empty (an empty label value is no label). */
export const HOSTILE: readonly string[] = [
  ...C0, 'a\u007fb', ...C1,
  'a\u2028b', 'a\u2029b', '\ufeffa', 'a\ufeff', 'a\ufffeb', 'a\uffffb', 'tab\tx', '\ttab', 'trail  ', ' lead', ' ', '\n', 'x\n', '\nx', 'multi\nline\n', 'a\r\nb', 'crlf\r\n', 'a\rb',
  '*a', '&a', '!a', '%a', '@a', '`a', '#a', '|a', '>a', '- a', '? a', '-', '?', ':', 'a: b', 'a:', 'a #b', ' #b', '---', '--- a', '...', '"', "'", '\\', '\\n', '{a}', '[a]', 'a, b',
  'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'true', 'False', '~', 'null', 'Null', 'NULL',
  '1', '-1', '+1', '010', '0o17', '0x1F', '1e3', '1_000', '1:20', '.5', '.inf', '-.Inf', '.nan', '2026-12-07',
  'x'.repeat(20_000), 'é 日本 😀', '\u00a0nbsp', 'zero\u200bwidth',
];

/** The alert that carries HOSTILE[i]: its label `h`, its annotation, and the matcher value of absent(). */
function alertModule(): string {
  const rules = HOSTILE.map((h, i) => {
    const expr = `absent(obs_hostile_missing{v=${JSON.stringify(h)}})`;
    return `  alert({ name: 'Hostile${i}', expr: ${JSON.stringify(expr)}, for: '0s', labels: { severity: 'page', h: ${JSON.stringify(h)} }, annotations: { summary: ${JSON.stringify(h)} } }),`;
  });
  return `import { alert, ruleGroup } from '../dsl/index.ts';\n\nexport const g = ruleGroup({\n  name: 'hostile',\n  rules: [\n${rules.join('\n')}\n  ],\n});\n`;
}

/**
 * The rule groups of an output as promtool and Prometheus read them: the Prometheus file as is, the
 * `groups:` of the Mimir file without its `namespace:` line, and the PrometheusRule's `spec:` block
 * unindented. Text edits only: the bytes of every value stay as obs wrote them.
 */
function asRuleFile(path: string, text: string): string {
  if (path.startsWith('mimir/')) return text.split('\n').filter((l) => !l.startsWith('namespace:')).join('\n');
  if (path.startsWith('prometheus-operator/')) {
    const lines = text.split('\n');
    const spec = lines.findIndex((l) => l === 'spec:');
    return `${lines.slice(spec + 1).map((l) => l.replace(/^ {2}/, '')).join('\n')}`;
  }
  return text;
}

interface ApiAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: string;
}
interface ApiRule {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly alerts: readonly ApiAlert[];
  readonly health: string;
  readonly lastError?: string;
}
interface ApiGroup {
  readonly file: string;
  readonly rules: readonly ApiRule[];
}

const skip = promtoolSkipReason() ?? prometheusSkipReason();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)('hostile text in labels, annotations and matchers reaches Prometheus byte for byte', () => {
  let project: FixtureProject | undefined;
  let work: string | undefined;
  let server: RunningPrometheus | undefined;
  const files = new Map<string, string>();
  let groups: ApiGroup[] = [];

  beforeAll(async () => {
    project = createFixtureProject({
      prefix: 'obs-hostile-',
      config: `export default { rules: { outputs: ['prometheus', 'prometheus-operator', 'mimir'] } };\n`,
      files: { 'alerts/hostile.ts': alertModule() },
    });
    const built = await project.run(['build']);
    expect(built.code, built.stderr).toBe(0);
    work = mkdtempSync(join(tmpdir(), 'obs-hostile-prom-'));
    for (const [path, bytes] of project.snapshot()) {
      if (!/\.ya?ml$/.test(path) || path.startsWith('tests/') || !/hostile/.test(path)) continue;
      const file = join(work, path.replace(/\//g, '_'));
      writeFileSync(file, asRuleFile(path, bytes.toString('utf8')));
      files.set(path, file);
    }
    const port = await freeLoopbackPort();
    const configFile = join(work, 'prometheus.yml');
    writeFileSync(configFile, ['global:', '  evaluation_interval: 1s', 'rule_files:', ...[...files.values()].map((f) => `  - ${JSON.stringify(f)}`), ''].join('\n'));
    server = await startPrometheus({ configFile, dataDir: join(work, 'data'), port });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await fetch(`${server.url}/api/v1/rules`, { signal: AbortSignal.timeout(5000) });
      groups = ((await res.json()) as { data: { groups: ApiGroup[] } }).data.groups;
      const rules = groups.flatMap((g) => g.rules);
      if ((rules.length === HOSTILE.length * files.size && rules.every((r) => r.alerts.some((a) => a.state === 'firing'))) || Date.now() > deadline) break;
      await sleep(500);
    }
  }, 120_000);

  afterAll(() => tearDownLive(server, work, project));

  it('writes the three outputs, and promtool check rules accepts each', () => {
    expect([...files.keys()].sort()).toEqual(['mimir/alerts-hostile.yaml', 'prometheus-operator/alerts-hostile.yaml', 'rules/alerts/hostile.yml']);
    for (const [path, file] of files) {
      const r = spawnSync(findPromtool()!.path, ['check', 'rules', file], { encoding: 'utf8' });
      expect(`${r.status} ${r.stdout}${r.stderr}`, path).toMatch(new RegExp(`^0 [\\s\\S]*SUCCESS: ${HOSTILE.length} rules found`));
    }
  });

  it('Prometheus loads every rule and its values are the TS strings exactly', () => {
    for (const [path, file] of files) {
      const rules = groups.find((g) => g.file === file)?.rules ?? [];
      expect(rules.map((r) => r.name), `${path}\n${server?.log().slice(-2000)}`).toEqual(HOSTILE.map((_, i) => `Hostile${i}`));
      const wrong = rules.flatMap((r, i) => {
        const h = HOSTILE[i]!;
        const alert = r.alerts.find((a) => a.state === 'firing');
        const got = { label: r.labels.h, annotation: r.annotations.summary, matcher: alert?.labels.v, alertLabel: alert?.labels.h, expanded: alert?.annotations.summary, health: r.health };
        const want = { label: h, annotation: h, matcher: h, alertLabel: h, expanded: h, health: 'ok' };
        return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${path} Hostile${i} ${JSON.stringify(h).slice(0, 60)}: ${JSON.stringify(got).slice(0, 300)} ${r.lastError ?? ''}`];
      });
      expect(wrong).toEqual([]);
    }
  });
});
