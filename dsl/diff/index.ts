export { diffArtifacts, HANDLERS, summarize, type ArtifactTree } from './diff.ts';
export { DIFF_FORMATTERS, isDiffFormat, type DiffFormat, type DiffFormatOptions } from './formats.ts';
export { GitError, readGitTree, worktreeState } from './git.ts';
/** Files below a folder of the working tree, keyed by path relative to it (with `/`), sorted. */
export { readTree as readWorkTree } from '../core/files.ts';
export { normalizeExpr, constantChanges, constantDeltas, type ConstantDelta } from './expr.ts';
export { matchEntities, type Match, type MatchOptions, type MatchStage } from './match.ts';
export type * from './model.ts';
