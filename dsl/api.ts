/**
 * obs's programmatic entry point: build, lint, test, import and diff a project from a program (a
 * watcher, an editor, a script). Each takes the project's session (core/session.ts): create one
 * per project and pass it to every call, and a build after an edit sees the edit. `dsl/index.ts`
 * is what definitions import; this is what tools import. See docs/api.md.
 */
export { Session, type SessionOptions } from './core/session.ts';
export { build, type BuildOptions, type BuildResult, type BuildSummary, type BuildProgress } from './build/build.ts';
export type { Diagnostic, Severity, SourceLocation } from './core/diagnostic.ts';
