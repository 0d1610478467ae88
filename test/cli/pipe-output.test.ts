/**
 * `obs lint --format json | jq`: everything obs prints reaches a reader that is slower than obs,
 * past the pipe's 64 KiB buffer (the launcher used to end the process while the rest was still
 * queued), and a reader that goes away early (`| head`) ends obs without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixture-project.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 600 alerts whose expression misses a bracket: one located error each, about 200 KiB of JSON. */
beforeAll(() => {
  const rules = Array.from({ length: 600 }, (_, i) => `      - alert: Broken${i}\n        expr: rate(http_requests_total{job="api-${i}"}[5m] > ${i}`);
  writeFileSync(join(dir, 'rules.yml'), `groups:\n  - name: broken\n    rules:\n${rules.join('\n')}\n`);
});

/** A shell pipeline from `obs ARGS` into `reader`; obs's stderr and exit code kept in files. */
function pipeline(args: string, reader: string): { stdout: string; stderr: string; code: number } {
  const obs = `"${process.execPath}" "${join(REPO_ROOT, 'bin', 'obs.js')}" ${args}`;
  const r = spawnSync('sh', ['-c', `{ ${obs} 2>obs.err; echo $? >obs.code; } | ${reader}`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: r.stdout, stderr: readFileSync(join(dir, 'obs.err'), 'utf8'), code: Number(readFileSync(join(dir, 'obs.code'), 'utf8')) };
}

it('hands all of a large JSON report to a reader that starts reading late', () => {
  // obs has long finished printing when the reader starts: the rest of the report waits in obs.
  const r = pipeline('lint --format json rules.yml', '{ sleep 3; cat; }');
  expect(r.stdout.length).toBeGreaterThan(128 * 1024);
  const doc = JSON.parse(r.stdout) as { problems: { checkId: string }[] };
  expect(doc.problems.filter((p) => p.checkId === 'promql/syntax')).toHaveLength(600);
  expect(r.code).toBe(1);
}, 60_000);

it('ends quietly when the reader goes away early', () => {
  const r = pipeline('lint --format json rules.yml', 'head -c 100');
  expect(r.stdout).toHaveLength(100);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
}, 60_000);
