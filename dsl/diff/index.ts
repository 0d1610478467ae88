export { diffArtifacts, HANDLERS, summarize, type ArtifactTree } from './diff.ts';
export { DIFF_FORMATTERS, isDiffFormat, type DiffFormat } from './formats.ts';
export { GitError, readGitTree, readWorkTree } from './git.ts';
export { normalizeExpr, constantChanges } from './expr.ts';
export type * from './model.ts';
