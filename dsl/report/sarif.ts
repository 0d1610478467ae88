/**
 * `--format sarif`: SARIF 2.1.0, which code-scanning UIs (GitHub code scanning, IDE viewers) show.
 * One run; the driver's rules table is the check catalogue (plus any id reported without an entry),
 * results are sorted by location and point at their rule by id and index.
 */
import { compareDiagnostics, type Diagnostic, type Severity, type SourceLocation } from '../core/diagnostic.ts';
import type { CheckInfo } from '../lint/check.ts';
import { JsonItems, jsonPieces } from './json-stream.ts';
import { joinPieces, type LintFormatter, type LintWriter } from './lint-report.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function rule(meta: CheckInfo): Record<string, unknown> {
  return {
    id: meta.id,
    name: meta.id.replace(/(^|[/-])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.docs.trim() || meta.description },
    help: { text: meta.docs.trim() || meta.description, markdown: meta.docs.trim() || meta.description },
    defaultConfiguration: { level: LEVEL[meta.severity] },
  };
}

function physical(loc: SourceLocation): Record<string, unknown> {
  const region = {
    startLine: loc.line,
    startColumn: loc.column,
    ...(loc.endLine !== undefined && loc.endColumn !== undefined
      ? { endLine: loc.endLine, endColumn: loc.endColumn }
      : {}),
  };
  return { physicalLocation: { artifactLocation: { uri: encodeURI(loc.file), uriBaseId: 'SRCROOT' }, region } };
}

function result(d: Diagnostic, ruleIndex: number): Record<string, unknown> {
  const loc = d.location;
  return {
    ruleId: d.checkId,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message },
    ...(loc ? { locations: [physical(loc)] } : {}),
    ...(d.related?.some((r) => r.location)
      ? {
          relatedLocations: d.related.flatMap((r, id) =>
            r.location ? [{ id, ...physical(r.location), message: { text: r.message } }] : [],
          ),
        }
      : {}),
  };
}

/** The log's text in pieces, each result made and written in turn (see json-stream.ts). */
export const writeSarif: LintWriter = (report) => {
  const known = new Map(report.checks.map((c) => [c.id, c]));
  const ids = [...new Set([...report.checks.map((c) => c.id), ...report.diagnostics.map((d) => d.checkId)])].sort();
  const rules = ids.map((id) => rule(known.get(id) ?? { id, description: id, severity: 'error', docs: '' }));
  const index = new Map(ids.map((id, i) => [id, i]));
  const sorted = [...report.diagnostics].sort(compareDiagnostics);
  const results = new JsonItems(sorted, (d) => result(d, index.get(d.checkId) ?? -1));
  return jsonPieces({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, rules } },
        // Paths in results are relative to the directory obs ran in.
        originalUriBaseIds: { SRCROOT: { description: { text: 'The directory obs lint ran in' } } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  });
};

export const formatSarif: LintFormatter = (report) => joinPieces(writeSarif(report));
