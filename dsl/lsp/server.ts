/**
 * `obs lsp`: a Language Server Protocol server over a pair of streams (stdio), for any editor.
 *
 * - While typing (debounced): the expression checks on the unsaved text of each open TS module,
 *   at the exact character of each PromQL text (see workspace.ts).
 * - On start and on each save: every obs check on the project as saved (a child process, see
 *   snapshot.ts), published for every file with problems; the live ones replace, inside the PromQL
 *   texts of an open module, what the project run found there.
 * - Completion of metric names, label names and closed label values; hover and go-to-definition of
 *   a metric; quick fixes for the checks' "did you mean" suggestions.
 */
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type Location,
  type WatchDog,
} from 'vscode-languageserver';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import { requestSnapshot, type Snapshot } from './snapshot.ts';
import { LIVE_CHECKS, Workspace, type Completion, type SeriesDescription } from './workspace.ts';

export interface ServerOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** The project root when the client names none (the working directory). */
  readonly cwd: string;
  /** Milliseconds between the last keystroke and the check of the unsaved text. */
  readonly debounceMs?: number;
  /** Takes the project's snapshot (default: a child `obs lsp --snapshot`). */
  readonly snapshot?: (root: string) => Promise<Snapshot>;
}

const DEBOUNCE_MS = 75;
const LIVE_IDS = new Set(LIVE_CHECKS.map((c) => c.meta.id));
const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  metric: CompletionItemKind.Variable,
  label: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  function: CompletionItemKind.Function,
};
const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for its quick fixes. */
interface FixData {
  readonly suggestions: readonly string[];
}

/** Runs the server until the client sends `exit` (or goes away); resolves with the exit code. */
export function runServer(opts: ServerOptions): Promise<number> {
  return new Promise((done) => {
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      served.dispose();
      connection.dispose();
      done(code);
    };
    let shutdown = false;
    const watchDog: WatchDog = {
      get shutdownReceived() {
        return shutdown;
      },
      set shutdownReceived(v: boolean) {
        shutdown = v;
      },
      initialize: (params) => {
        // The client that started the server is gone without saying exit: end too.
        const pid = params.processId;
        if (typeof pid !== 'number') return;
        setInterval(() => {
          try {
            process.kill(pid, 0);
          } catch {
            finish(1);
          }
        }, 3000).unref();
      },
      exit: (code) => finish(code),
    };
    const connection: Connection = createConnection(
      (logger) =>
        createProtocolConnection(new StreamMessageReader(opts.input), new StreamMessageWriter(opts.output), logger),
      watchDog,
    );
    opts.input.on('close', () => finish(shutdown ? 0 : 1));
    const served = serve(connection, opts);
    connection.listen();
  });
}

function serve(connection: Connection, opts: ServerOptions): { dispose(): void } {
  const debounceTimers = new Map<string, NodeJS.Timeout>();
  const documents = new TextDocuments(TextDocument);
  const takeSnapshot = opts.snapshot ?? ((root: string) => requestSnapshot(root));
  const debounceMs = opts.debounceMs ?? DEBOUNCE_MS;
  let root = opts.cwd;
  let workspace = new Workspace(root);
  /** Live diagnostics and the PromQL spans they cover, per open document URI. */
  const live = new Map<
    string,
    { version: number; diagnostics: LspDiagnostic[]; spans: { start: number; end: number }[] }
  >();
  /** Files the last published project diagnostics went to (to clear them when fixed). */
  let published = new Set<string>();
  let snapshotRunning = false;
  let snapshotAgain = false;

  const fileOf = (uri: string): string | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    const rel = relative(root, fileURLToPath(uri));
    return rel.startsWith('..') ? undefined : rel.split(sep).join('/');
  };
  const uriOf = (file: string): string => pathToFileURL(resolve(root, file)).href;

  const toLsp = (d: Diagnostic, range: LspDiagnostic['range']): LspDiagnostic => {
    const suggestions = /did you mean ((?:"(?:[^"\\]|\\.)*"(?: or )?)+)\?/.exec(d.hint ?? '');
    const list = suggestions
      ? [...(suggestions[1] ?? '').matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0]) as string)
      : [];
    return {
      range,
      severity: SEVERITY[d.severity],
      source: 'obs',
      code: d.checkId,
      message: messageOf(d),
      ...(list.length ? { data: { suggestions: list } satisfies FixData } : {}),
    };
  };
  const rangeOf = (loc: SourceLocation): LspDiagnostic['range'] => {
    const start = { line: loc.line - 1, character: loc.column - 1 };
    const end =
      loc.endLine !== undefined && loc.endColumn !== undefined
        ? { line: loc.endLine - 1, character: loc.endColumn - 1 }
        : start;
    return { start, end };
  };

  /** Project diagnostics of a file, with the live ones of its open document in place of those inside its PromQL texts. */
  const publish = (file: string): void => {
    const uri = uriOf(file);
    const doc = documents.get(uri);
    const mine = live.get(uri);
    const project = (workspace.snapshot?.diagnostics ?? []).filter(
      (d) => d.location?.file === file && d.location !== undefined,
    );
    const out: LspDiagnostic[] = [];
    for (const d of project) {
      const range = rangeOf(d.location as SourceLocation);
      if (doc && mine && LIVE_IDS.has(d.checkId)) {
        // Inside a PromQL text of the open module, or said again by the live run (the saved file's
        // run may place a problem at its call when it cannot find the text): the live one stands.
        const at = doc.offsetAt(range.start);
        if (
          mine.spans.some((s) => at >= s.start && at <= s.end) ||
          mine.diagnostics.some((x) => x.code === d.checkId && x.message === messageOf(d))
        )
          continue;
      }
      out.push(toLsp(d, range));
    }
    if (mine) out.push(...mine.diagnostics);
    void connection.sendDiagnostics({ uri, diagnostics: out, ...(mine ? { version: mine.version } : {}) });
  };

  const checkDocument = (doc: TextDocument): void => {
    const file = fileOf(doc.uri);
    if (!file || !/\.m?ts$/.test(file)) return;
    try {
      const text = doc.getText();
      const found = workspace.check(file, text);
      live.set(doc.uri, {
        version: doc.version,
        diagnostics: found.diagnostics.map((d) =>
          toLsp(d.diagnostic, { start: doc.positionAt(d.start), end: doc.positionAt(d.end) }),
        ),
        spans: found.spans,
      });
    } catch (e) {
      // A bug in obs must not take the editor's server down: say it once in the log, keep serving.
      connection.console.error(
        `obs lsp: checking ${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      live.delete(doc.uri);
    }
    publish(file);
  };

  const schedule = (doc: TextDocument): void => {
    const t = debounceTimers.get(doc.uri);
    if (t) clearTimeout(t);
    debounceTimers.set(
      doc.uri,
      setTimeout(() => {
        debounceTimers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) checkDocument(current);
      }, debounceMs),
    );
  };

  const refresh = async (): Promise<void> => {
    if (snapshotRunning) {
      snapshotAgain = true;
      return;
    }
    snapshotRunning = true;
    try {
      do {
        snapshotAgain = false;
        try {
          const snapshot = await takeSnapshot(root);
          workspace = new Workspace(root, snapshot);
          connection.console.info(
            `obs lsp: project checked in ${snapshot.ms} ms: ${snapshot.diagnostics.length} problem(s), ${snapshot.registries.length} registries, ${snapshot.recorded.length} recording rules`,
          );
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          connection.console.error(`obs lsp: the project could not be checked: ${why}`);
          // A notification: nothing to answer (showErrorMessage would wait for the user to click).
          void connection.sendNotification(ShowMessageNotification.type, {
            type: MessageType.Error,
            message: `obs: the project could not be checked: ${why.split('\n')[0] ?? ''}`,
          });
        }
      } while (snapshotAgain);
    } finally {
      snapshotRunning = false;
    }
    for (const doc of documents.all()) checkDocument(doc);
    const files = new Set<string>();
    for (const d of workspace.snapshot?.diagnostics ?? []) if (d.location) files.add(d.location.file);
    for (const doc of documents.all()) {
      const f = fileOf(doc.uri);
      if (f) files.add(f);
    }
    for (const f of files) publish(f);
    for (const f of published) if (!files.has(f)) void connection.sendDiagnostics({ uri: uriOf(f), diagnostics: [] });
    published = files;
    void connection.sendNotification('obs/projectChecked', { problems: workspace.snapshot?.diagnostics.length ?? 0 });
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder?.startsWith('file:')) root = fileURLToPath(folder);
    workspace = new Workspace(root);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['{', '"', '(', ',', '=', '~'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'obs' },
    };
  });
  connection.onInitialized(() => void refresh());

  documents.onDidOpen((e) => checkDocument(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidSave(() => void refresh());
  documents.onDidClose((e) => {
    live.delete(e.document.uri);
    const f = fileOf(e.document.uri);
    if (f) {
      workspace.forget(f);
      publish(f);
    }
  });

  connection.onCompletion((p): CompletionItem[] => {
    const doc = documents.get(p.textDocument.uri);
    const file = doc ? fileOf(doc.uri) : undefined;
    if (!doc || !file) return [];
    const items = workspace.complete(file, doc.getText(), doc.offsetAt(p.position));
    if (items.length === 0) return [];
    // One range for all (they replace the same word); the help text comes with completionItem/resolve.
    const range = { start: doc.positionAt(items[0]?.start ?? 0), end: doc.positionAt(items[0]?.end ?? 0) };
    return items.map((c) => ({
      label: c.label,
      kind: KINDS[c.kind],
      textEdit: { range, newText: c.insert },
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { data: { metric: c.label } } : {}),
    }));
  });

  connection.onCompletionResolve((item): CompletionItem => {
    const metric = (item.data as { metric?: unknown } | undefined)?.metric;
    const d = typeof metric === 'string' ? workspace.describe(metric) : undefined;
    return d ? { ...item, documentation: { kind: MarkupKind.Markdown, value: hoverText(d) } } : item;
  });

  connection.onHover((p): Hover | null => {
    const doc = documents.get(p.textDocument.uri);
    const file = doc ? fileOf(doc.uri) : undefined;
    if (!doc || !file) return null;
    const at = workspace.seriesAt(file, doc.getText(), doc.offsetAt(p.position));
    const d = at ? workspace.describe(at.name) : undefined;
    if (!at || !d) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: hoverText(d) },
      range: { start: doc.positionAt(at.start), end: doc.positionAt(at.end) },
    };
  });

  connection.onDefinition((p): Location[] => {
    const doc = documents.get(p.textDocument.uri);
    const file = doc ? fileOf(doc.uri) : undefined;
    if (!doc || !file) return [];
    const at = workspace.seriesAt(file, doc.getText(), doc.offsetAt(p.position));
    const d = at ? workspace.describe(at.name) : undefined;
    return (d?.sites ?? []).map((s) => {
      const pos = { line: s.line - 1, character: s.column - 1 };
      return { uri: uriOf(s.file), range: { start: pos, end: pos } };
    });
  });

  connection.onCodeAction((p): CodeAction[] => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    for (const d of p.context.diagnostics) {
      const data = d.data as FixData | undefined;
      if (d.source !== 'obs' || !data?.suggestions?.length) continue;
      const written = doc.getText(d.range);
      if (written === '' || written.includes('${')) continue;
      const q = written[0];
      const quoted = (q === '"' || q === "'") && written.length >= 2 && written.endsWith(q);
      data.suggestions.forEach((s, i) => {
        actions.push({
          title: `obs: change to ${JSON.stringify(s)}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0,
          edit: { changes: { [doc.uri]: [{ range: d.range, newText: quoted ? `${q}${s}${q}` : s }] } },
        });
      });
    }
    return actions;
  });

  // For benchmarks and health checks: the server's own memory.
  connection.onRequest('obs/memory', () => {
    // With --expose-gc (the benchmark), what is still reachable, not what awaits collection.
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  });

  documents.listen(connection);
  return {
    dispose: () => {
      for (const t of debounceTimers.values()) clearTimeout(t);
    },
  };
}

/** The message with obs's hint on its own line (editors show both). */
function messageOf(d: Diagnostic): string {
  return d.hint ? `${d.message}\n${d.hint}` : d.message;
}

function hoverText(d: SeriesDescription): string {
  const lines = [`**${d.name}** · ${d.type}${d.metric && d.metric !== d.name ? ` (series of ${d.metric})` : ''}`];
  if (d.help) lines.push('', d.help);
  if (d.labels.length) {
    lines.push(
      '',
      `labels: ${d.labels
        .map((l) => {
          const v = d.values[l];
          return v?.length ? `\`${l}\` (${v.map((x) => `"${x}"`).join(' | ')})` : `\`${l}\``;
        })
        .join(', ')}`,
    );
  }
  if (d.recorded) lines.push('', '```promql', d.recorded.expr, '```');
  lines.push('', `from ${d.from.join('; ')}`);
  return lines.join('\n');
}
