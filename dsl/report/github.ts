/**
 * `--format github`: GitHub Actions workflow commands, one per problem, which GitHub shows as
 * annotations on the pull request's diff.
 *   ::error file=alerts/api.ts,line=12,col=9,endColumn=14,title=promql/syntax::message
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { joinPieces, type LintFormatter, type LintWriter } from './lint-report.ts';

const COMMAND: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A command's message: `%`, CR and LF are escaped (GitHub's toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end the value (`escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotation(d: Diagnostic): string {
  const props: [string, string | number][] = [];
  const loc = d.location;
  if (loc) {
    props.push(['file', loc.file], ['line', loc.line], ['col', loc.column]);
    if (loc.endLine !== undefined && loc.endLine !== loc.line) props.push(['endLine', loc.endLine]);
    // GitHub's endColumn is inclusive and only meaningful on the start line; ours is exclusive.
    else if (loc.endColumn !== undefined && loc.endColumn - 1 > loc.column)
      props.push(['endColumn', loc.endColumn - 1]);
  }
  props.push(['title', `obs ${d.checkId}`]);
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

/** One command per problem, made as it is written. */
export const writeGithub: LintWriter = function* (report) {
  for (const d of report.diagnostics) yield `${githubAnnotation(d)}\n`;
};

export const formatGithub: LintFormatter = (report) => joinPieces(writeGithub(report));
