import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { checksMarkdown } from '../../dsl/lint/docs.ts';

const root = new URL('../../', import.meta.url);

describe('check catalogue', () => {
  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s lives in its own module, has docs and its own tests', (id, c) => {
    expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
    expect(existsSync(new URL(`dsl/lint/checks/${id}.ts`, root))).toBe(true);
    expect(existsSync(new URL(`test/lint/checks/${id}.test.ts`, root))).toBe(true);
    expect(c.meta.description.length).toBeGreaterThan(10);
    expect(c.meta.docs.trim().length).toBeGreaterThan(40);
  });

  it('has unique ids', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('docs/checks.md is generated from the checks (run: npx tsx scripts/gen-check-docs.ts)', () => {
    expect(readFileSync(new URL('docs/checks.md', root), 'utf8')).toBe(checksMarkdown(CHECKS));
  });
});
