/**
 * `obs lint` on rule YAML checked by worker threads (the bundled binary, OBS_LINT_WORKERS=N)
 * reports exactly what one thread reports: the same problems at the same YAML positions, also for
 * alerts that read series recorded in groups another worker checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { generateExpressions } from '../promql/generate.ts';

/** Groups of recording rules and alerts; alerts read series recorded anywhere in the file. */
function ruleFile(seed: number, groups: number): string {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const recorded = Array.from({ length: groups }, (_, i) => ({ name: `job:rec${i}:rate5m`, by: pick(['job', 'job, instance', 'job, route']) }));
  const out = ['groups:'];
  for (let g = 0; g < groups; g++) {
    out.push(`  - name: ${rnd() < 0.1 ? 'shared' : `g${g}`}`, `    interval: ${pick(['30s', '1m', '2m'])}`, '    rules:');
    out.push(`      - record: ${recorded[g]?.name}`, `        expr: sum by (${recorded[g]?.by}) (rate(http_requests_total{code=~"5.."}[${pick(['1m', '5m'])}]))`);
    for (let a = 0; a < 5; a++) {
      const src = pick(recorded);
      out.push(
        `      - alert: ${pick(['High', 'Low'])}${g}x${a}`,
        '        expr: |-',
        `          rate(${src.name}[${pick(['1m', '2m', '10m'])}])`,
        `            > ${a}`,
        `        for: ${pick(['5m', '0s', '5mins'])}`,
        '        labels:',
        `          severity: ${pick(['page', 'ticket'])}`,
        '        annotations:',
        `          summary: "{{ $labels.${pick(['job', 'instance', 'route'])} }} is bad"`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

let p: FixtureProject | undefined;
beforeAll(() => {
  p = createFixtureProject({ files: { 'rules.yml': ruleFile(11, 60) } });
});
afterAll(() => p?.cleanup());

it('3 workers and 1 thread report the same problems at the same places', async () => {
  if (!p) throw new Error('no fixture');
  const one = await runObsBinary(p.root, ['lint', '--format', 'json', 'rules.yml'], { OBS_LINT_WORKERS: '1' });
  const three = await runObsBinary(p.root, ['lint', '--format', 'json', 'rules.yml'], { OBS_LINT_WORKERS: '3' });
  expect(three.code).toBe(one.code);
  const problems = (out: string) => (JSON.parse(out) as { problems: unknown[] }).problems;
  expect(problems(one.stdout).length).toBeGreaterThan(50);
  expect(problems(three.stdout)).toEqual(problems(one.stdout));
  // In-process (no workers) agrees too.
  const inProcess = await p.run(['lint', '--format', 'json', 'rules.yml']);
  expect(problems(inProcess.stdout)).toEqual(problems(one.stdout));
});

describe('the parse worker (one core more, from 1 MiB of distinct expressions)', () => {
  let big: FixtureProject | undefined;
  beforeAll(() => {
    // Random valid and broken expressions (the differential test's generator), as recording rules and alerts.
    const exprs = [...new Set(generateExpressions(5, 6000))];
    const lines = ['groups:', '  - name: generated', '    rules:'];
    exprs.forEach((e, i) =>
      // A comment after each (the lexer's to skip) takes the text past the worker's 1 MiB.
      lines.push(i % 3 ? `      - record: job:gen${i}:sum` : `      - alert: Gen${i}`, `        expr: ${JSON.stringify(`${e} # ${'padding '.repeat(15)}`)}`),
    );
    big = createFixtureProject({ files: { 'rules.yml': `${lines.join('\n')}\n` } });
  });
  afterAll(() => big?.cleanup());

  it('reports what one thread reports, with the worker parsing part of them', async () => {
    if (!big) throw new Error('no fixture');
    const one = await runObsBinary(big.root, ['lint', '--format', 'json', 'rules.yml'], { OBS_LINT_WORKERS: '1', OBS_LINT_DEBUG: 'parse-worker' });
    const two = await runObsBinary(big.root, ['lint', '--format', 'json', 'rules.yml'], { OBS_LINT_DEBUG: 'parse-worker' });
    expect(one.stderr).not.toContain('parse worker');
    const shared = /parse worker: (\d+) chunks of \d+ expressions, (\d+) parsed by the worker/.exec(two.stderr);
    expect(shared, two.stderr).not.toBeNull();
    expect(Number(shared?.[2])).toBeGreaterThan(0);
    expect(two.code).toBe(one.code);
    const problems = (out: string) => (JSON.parse(out) as { problems: unknown[] }).problems;
    expect(problems(one.stdout).length).toBeGreaterThan(1000);
    expect(problems(two.stdout)).toEqual(problems(one.stdout));
  });
});
