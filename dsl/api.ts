/**
 * obs's programmatic entry point (docs/api.md): build, lint, test, import and diff a project from a
 * program (a watcher, an editor, a script). Every call that loads the definitions takes a session
 * (core/session.ts): make one per project and pass it to each call; a call after an edit then sees
 * the edit, and nothing is shared with another project's session. `dsl/index.ts` is what
 * definitions import; this is what tools import.
 */
export { Session, type SessionOptions } from './core/session.ts';
export type { Diagnostic, Severity, SourceLocation } from './core/diagnostic.ts';
export { build, type BuildOptions, type BuildResult, type BuildSummary, type BuildProgress } from './pipeline/build.ts';
export {
  lintFiles as lint,
  lintFails,
  type LintFilesOptions as LintOptions,
  type LintRun,
} from './pipeline/lint-files.ts';
export {
  runUnitTests as test,
  matchesFilter,
  type UnitTestOptions as TestOptions,
  type UnitTestRun as TestRun,
} from './pipeline/unit-tests.ts';
export { importFiles, type FileImport, type ImportKind } from './import/files.ts';
export { diffOut as diff, type DiffOutOptions as DiffOptions } from './pipeline/diff-out.ts';
export { watchProject as watch, problemChanges, type WatchOptions } from './pipeline/watch.ts';
