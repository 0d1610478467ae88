export { diffArtifacts, HANDLERS, summarize, type ArtifactTree } from './diff.ts';
export { DIFF_FORMATTERS, isDiffFormat, type DiffFormat } from './formats.ts';
export { GitError, readGitTree } from './git.ts';
/** Files below a folder of the working tree, keyed by path relative to it (with `/`), sorted. */
export { readTree as readWorkTree } from '../core/files.ts';
export { normalizeExpr, constantChanges } from './expr.ts';
export type * from './model.ts';
