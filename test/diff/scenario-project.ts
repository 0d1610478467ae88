/**
 * The harness of the `obs diff` scenario tests: this repository's definitions copied into a temp
 * dir, built with the real `obs build` and committed in a real git repository; each scenario edits
 * the definitions as a pull request would, rebuilds, runs the real `obs diff`, and restores the
 * committed state.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect } from 'vitest';
import { createFixtureProject, runObsBinary, type CliRun, type FixtureProject } from '../helpers/fixture-project.ts';

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, {
  cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'],
  env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
}).trim();

/** A built and committed copy of these folders of the repository. */
export async function committedProject(prefix: string, folders: readonly string[]): Promise<FixtureProject> {
  const project = createFixtureProject({ prefix });
  project.copyFromRepo(...folders);
  project.write('.gitignore', 'node_modules\ndsl\n');
  const built = await runObsBinary(project.root, ['build']);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  git(project.root, 'init', '-q', '-b', 'main');
  git(project.root, 'add', '-A');
  git(project.root, 'commit', '-q', '-m', 'base');
  return project;
}

/** Applies edits to the committed definitions, rebuilds, diffs, and restores the committed state. */
export async function scenarioIn(project: FixtureProject, edits: [path: string, from: string, to: string][], format = 'text', extra: string[] = []): Promise<CliRun> {
  try {
    for (const [path, from, to] of edits) project.replace(path, from, to);
    const built = await runObsBinary(project.root, ['build']);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    return await runObsBinary(project.root, ['diff', '--format', format, ...extra]);
  } finally {
    git(project.root, 'checkout', '-q', '--', '.');
  }
}

/** The output's lines, the base commit's hash replaced by `C`. */
export const outputLines = (r: CliRun): string[] => r.stdout.trimEnd().split('\n').map((l) => l.replace(/commit [0-9a-f]{12}/, 'commit C'));

/** Registers the suite's project (built and committed before its tests, removed after) and its `scenario`. */
export function scenarioSuite(prefix: string, folders: readonly string[]): {
  project: () => FixtureProject;
  scenario: (edits: [path: string, from: string, to: string][], format?: string, extra?: string[]) => Promise<CliRun>;
} {
  let project: FixtureProject | undefined;
  beforeAll(async () => {
    project = await committedProject(prefix, folders);
  }, 180_000);
  afterAll(() => project?.cleanup());
  const current = (): FixtureProject => {
    if (!project) throw new Error('the scenario project is not built yet');
    return project;
  };
  return { project: current, scenario: (edits, format, extra) => scenarioIn(current(), edits, format, extra) };
}
