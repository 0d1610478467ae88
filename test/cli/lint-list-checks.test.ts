/** `obs lint --list-checks`: the check catalogue from the library, as the real binary prints it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { checkCatalogue } from '../../dsl/lint/docs.ts';
import { createFixtureProject, REPO_ROOT, runObsBinary } from '../helpers/fixture-project.ts';

// An empty project: listing the checks reads no definitions and needs no config.
const project = createFixtureProject({ prefix: 'obs-list-checks-' });
afterAll(() => project.cleanup());

describe('obs lint --list-checks', () => {
  it('prints one aligned row per check: id, default severity, page, summary', async () => {
    const r = await runObsBinary(project.root, ['lint', '--list-checks']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHECK +SEVERITY +DOCS +SUMMARY$/);
    expect(lines).toHaveLength(CHECKS.length + 1);
    const entries = checkCatalogue();
    // Every column starts at the header's offset on every row.
    const starts = ['SEVERITY', 'DOCS', 'SUMMARY'].map((h) => lines[0]!.indexOf(h));
    lines.slice(1).forEach((line, i) => {
      const e = entries[i]!;
      expect(line.startsWith(`${e.id} `)).toBe(true);
      expect(line.slice(starts[0]).startsWith(`${e.severity} `)).toBe(true);
      expect(line.slice(starts[1]).startsWith(`${e.docs} `)).toBe(true);
      expect(line.slice(starts[2])).toBe(e.summary);
    });
    expect(lines.find((l) => l.startsWith('alerts/topk '))).toMatch(/^alerts\/topk +warning +docs\/checks\/alerts\/topk\.md +An alert must not select series with `topk`/);
  });

  it('--format json prints the catalogue as an array, every page existing', async () => {
    const r = await runObsBinary(project.root, ['lint', '--list-checks', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; severity: string; summary: string; docs: string }[];
    expect(list.map((e) => e.id)).toEqual(CHECKS.map((c) => c.meta.id).sort());
    for (const e of list) {
      const check = CHECKS.find((c) => c.meta.id === e.id);
      expect(e).toEqual({ id: e.id, severity: check?.meta.severity, summary: check?.meta.description, docs: `docs/checks/${e.id}.md` });
      expect(existsSync(join(REPO_ROOT, e.docs)), e.docs).toBe(true);
    }
  });

  it.each([
    [['--format', 'sarif'], '--list-checks prints text or json, not "sarif"'],
    [['rules.yml'], '--list-checks takes no PATH'],
    [['--fail-on', 'warning'], '--list-checks takes no --fail-on'],
  ])('%j is a usage error (exit 2)', async (extra, message) => {
    const r = await runObsBinary(project.root, ['lint', '--list-checks', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`obs lint: ${message}\n`);
  });

  it('is in obs lint --help', async () => {
    const r = await runObsBinary(project.root, ['lint', '--help']);
    expect(r.stdout).toContain('obs lint --list-checks [--format text|json]');
  });
});
