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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
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
import { SnapshotChild, SnapshotStuck, type Snapshot } from './snapshot.ts';
import { Overlays } from './overlay.ts';
import { projectOf, projectRoots } from './projects.ts';
import { LIVE_CHECKS, Workspace, seriesMarkdown, type Completion } from './workspace.ts';

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
/** Between the last file changed on disk (a checkout: many) and the project's check. */
const WATCH_DEBOUNCE_MS = 200;
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

/** One obs project of the workspace: its last snapshot, and what the unsaved buffers make of it. */
interface ProjectState {
  readonly root: string;
  workspace: Workspace;
  /** The last snapshot, as saved (the workspace has it with the unsaved buffers' overlay). */
  base: Snapshot | undefined;
  readonly overlays: Overlays;
  overlayKey: string;
  /** Saved texts of the open modules, read from disk once each (forgotten on save or change). */
  readonly saved: Map<string, string>;
  /** Files the last published project diagnostics went to (to clear them when fixed). */
  published: Set<string>;
  snapshotRunning: boolean;
  snapshotAgain: boolean;
  /** The last check ran author code into a loop that never ends: that loop is the project's one problem. */
  stuck: Diagnostic | undefined;
}

/** The project's problems as saved: the snapshot's, or the loop that stopped the last check. */
function projectProblems(p: ProjectState): readonly Diagnostic[] {
  return p.stuck ? [p.stuck] : (p.workspace.snapshot?.diagnostics ?? []);
}

function serve(connection: Connection, opts: ServerOptions): { dispose(): void } {
  const debounceTimers = new Map<string, NodeJS.Timeout>();
  const documents = new TextDocuments(TextDocument);
  /** Each project's long-lived snapshot child (snapshot.ts): a save's check reuses what it kept. */
  const children = new Map<string, SnapshotChild>();
  const takeSnapshot =
    opts.snapshot ??
    ((root: string) => (children.get(root) ?? children.set(root, new SnapshotChild(root)).get(root)!).take());
  const debounceMs = opts.debounceMs ?? DEBOUNCE_MS;
  /** The workspace folders the client named (the working directory when it names none). */
  let folders: string[] = [opts.cwd];
  const projects = new Map<string, ProjectState>();
  let watchedTimer: NodeJS.Timeout | undefined;
  const watchedChanges = new Set<string>();
  /** Live diagnostics and the PromQL spans they cover, per open document URI. */
  const live = new Map<
    string,
    { version: number; diagnostics: LspDiagnostic[]; spans: { start: number; end: number }[] }
  >();

  const newProject = (root: string): ProjectState => ({
    root,
    workspace: new Workspace(root),
    base: undefined,
    overlays: new Overlays(),
    overlayKey: '',
    saved: new Map(),
    published: new Set(),
    snapshotRunning: false,
    snapshotAgain: false,
    stuck: undefined,
  });
  /** Finds the projects of the workspace folders again; returns those that are new. */
  const discover = (): ProjectState[] => {
    const roots = new Set(folders.flatMap((f) => projectRoots(f)));
    for (const [r, p] of projects) {
      if (roots.has(r)) continue;
      projects.delete(r);
      children.get(r)?.dispose();
      children.delete(r);
      for (const f of p.published) void connection.sendDiagnostics({ uri: uriOf(p, f), diagnostics: [] });
    }
    const added: ProjectState[] = [];
    for (const r of roots) {
      if (projects.has(r)) continue;
      const p = newProject(r);
      projects.set(r, p);
      added.push(p);
    }
    return added;
  };
  /** The project of a document and its path in it; undefined outside every project. */
  const locate = (uri: string): { project: ProjectState; file: string } | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    const hit = projectOf([...projects.keys()], fileURLToPath(uri));
    const project = hit ? projects.get(hit.root) : undefined;
    return project && hit ? { project, file: hit.file } : undefined;
  };
  const uriOf = (p: ProjectState, file: string): string => pathToFileURL(resolve(p.root, file)).href;
  const docsOf = (p: ProjectState): { doc: TextDocument; file: string }[] =>
    documents.all().flatMap((doc) => {
      const at = locate(doc.uri);
      return at?.project === p ? [{ doc, file: at.file }] : [];
    });
  const savedText = (p: ProjectState, file: string): string => {
    let t = p.saved.get(file);
    if (t === undefined) {
      try {
        t = readFileSync(resolve(p.root, file), 'utf8');
      } catch {
        t = ''; // a module not saved yet: all of it is new
      }
      p.saved.set(file, t);
    }
    return t;
  };
  /** Puts the unsaved buffers' registry and recording rule edits into the project's workspace; true when that changed it. */
  const applyOverlay = (p: ProjectState): boolean => {
    if (!p.base) return false;
    const buffers = docsOf(p).map(({ doc, file }) => ({ file, saved: savedText(p, file), text: doc.getText() }));
    const { snapshot, key } = p.overlays.apply(p.base, buffers);
    if (key === p.overlayKey) return false;
    p.overlayKey = key;
    p.workspace = new Workspace(p.root, snapshot, p.workspace);
    return true;
  };

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
  const publish = (p: ProjectState, file: string): void => {
    const uri = uriOf(p, file);
    const doc = documents.get(uri);
    const mine = live.get(uri);
    const project = projectProblems(p).filter((d) => d.location?.file === file && d.location !== undefined);
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

  const checkDocument = (doc: TextDocument, others = true): void => {
    const at = locate(doc.uri);
    if (!at || !/\.m?ts$/.test(at.file)) return;
    const { project: p, file } = at;
    let overlaid = false;
    try {
      overlaid = others && applyOverlay(p);
      const found = p.workspace.check(file, doc.getText());
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
    publish(p, file);
    // A registry or recording rule edited (unsaved): the other open modules are checked against it.
    if (overlaid) for (const o of docsOf(p)) if (o.doc.uri !== doc.uri) checkDocument(o.doc, false);
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

  const refresh = async (p: ProjectState): Promise<void> => {
    if (p.snapshotRunning) {
      p.snapshotAgain = true;
      return;
    }
    p.snapshotRunning = true;
    try {
      do {
        p.snapshotAgain = false;
        try {
          const snapshot = await takeSnapshot(p.root);
          p.stuck = undefined;
          p.base = snapshot;
          p.saved.clear();
          p.overlayKey = '';
          const buffers = docsOf(p).map(({ doc, file }) => ({ file, saved: savedText(p, file), text: doc.getText() }));
          const overlaid = p.overlays.apply(snapshot, buffers);
          p.overlayKey = overlaid.key;
          p.workspace = new Workspace(p.root, overlaid.snapshot, p.workspace);
          connection.console.info(
            `obs lsp: project ${p.root} checked in ${snapshot.ms} ms: ${snapshot.diagnostics.length} problem(s), ${snapshot.registries.length} registries, ${snapshot.recorded.length} recording rules`,
          );
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          connection.console.error(`obs lsp: the project ${p.root} could not be checked: ${why}`);
          // Shown in the file, at the loop; the last snapshot still serves completion and live checks.
          if (e instanceof SnapshotStuck) {
            p.stuck = e.diagnostic;
            continue;
          }
          // A notification: nothing to answer (showErrorMessage would wait for the user to click).
          void connection.sendNotification(ShowMessageNotification.type, {
            type: MessageType.Error,
            message: `obs: the project could not be checked: ${why.split('\n')[0] ?? ''}`,
          });
        }
      } while (p.snapshotAgain);
    } finally {
      p.snapshotRunning = false;
    }
    if (projects.get(p.root) !== p) return; // its folder was removed meanwhile
    const open = docsOf(p);
    for (const { doc } of open) checkDocument(doc, false);
    const files = new Set<string>();
    for (const d of projectProblems(p)) if (d.location) files.add(d.location.file);
    for (const { file } of open) files.add(file);
    for (const f of files) publish(p, f);
    for (const f of p.published)
      if (!files.has(f)) void connection.sendDiagnostics({ uri: uriOf(p, f), diagnostics: [] });
    p.published = files;
    void connection.sendNotification('obs/projectChecked', {
      root: p.root,
      problems: projectProblems(p).length,
    });
  };

  /** Files changed outside the editor (a checkout, a generator): their projects are checked again. */
  const changedOnDisk = (uris: readonly string[]): void => {
    for (const u of uris) watchedChanges.add(u);
    if (watchedTimer) clearTimeout(watchedTimer);
    // A checkout changes many files at once: one check for the burst.
    watchedTimer = setTimeout(() => {
      watchedTimer = undefined;
      const changed = [...watchedChanges];
      watchedChanges.clear();
      const again = new Set<ProjectState>();
      // A project created or removed (its obs.config.ts) or a folder added: the projects are found again.
      if (changed.some((u) => u.endsWith(`/obs.config.ts`))) for (const p of discover()) again.add(p);
      for (const u of changed) {
        const at = locate(u);
        if (!at) continue;
        at.project.saved.delete(at.file);
        again.add(at.project);
      }
      for (const p of again) void refresh(p);
    }, WATCH_DEBOUNCE_MS);
  };

  let watchRegistration = false;
  connection.onInitialize((params) => {
    const given = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:'));
    const rootUri = params.rootUri?.startsWith('file:') ? params.rootUri : undefined;
    folders = given.length ? given.map((u) => fileURLToPath(u)) : rootUri ? [fileURLToPath(rootUri)] : [opts.cwd];
    discover();
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['{', '"', '(', ',', '=', '~'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'obs' },
    };
  });
  connection.onInitialized(() => {
    if (watchRegistration) {
      // The client watches the files (it has the platform's file events); the server is told of changes.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{ts,mts,json,yml,yaml}' }],
      });
    }
    for (const p of projects.values()) void refresh(p);
  });
  connection.onDidChangeWatchedFiles((e) => changedOnDisk(e.changes.map((c) => c.uri)));
  connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (e) => {
    const removed = new Set(
      e.event.removed
        .map((f) => f.uri)
        .filter((u) => u.startsWith('file:'))
        .map((u) => fileURLToPath(u)),
    );
    folders = [
      ...folders.filter((f) => !removed.has(f)),
      ...e.event.added
        .map((f) => f.uri)
        .filter((u) => u.startsWith('file:'))
        .map((u) => fileURLToPath(u)),
    ];
    for (const p of discover()) void refresh(p);
  });

  documents.onDidOpen((e) => checkDocument(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidSave((e) => {
    const at = locate(e.document.uri);
    if (!at) return;
    at.project.saved.delete(at.file);
    void refresh(at.project);
  });
  documents.onDidClose((e) => {
    live.delete(e.document.uri);
    const at = locate(e.document.uri);
    if (!at) return;
    at.project.workspace.forget(at.file);
    at.project.overlays.forget(at.file);
    at.project.saved.delete(at.file);
    publish(at.project, at.file);
    // Its unsaved edits no longer count: the others are checked against the saved version.
    if (applyOverlay(at.project)) for (const o of docsOf(at.project)) checkDocument(o.doc, false);
  });

  /** The open document at `uri`, its project and its path in it. */
  const opened = (uri: string): { doc: TextDocument; project: ProjectState; file: string } | undefined => {
    const doc = documents.get(uri);
    const at = doc ? locate(uri) : undefined;
    return doc && at ? { doc, ...at } : undefined;
  };

  connection.onCompletion((p): CompletionItem[] => {
    const o = opened(p.textDocument.uri);
    if (!o) return [];
    const { doc, project, file } = o;
    const items = project.workspace.complete(file, doc.getText(), doc.offsetAt(p.position));
    if (items.length === 0) return [];
    // One range for all (they replace the same word); the help text comes with completionItem/resolve.
    const range = { start: doc.positionAt(items[0]?.start ?? 0), end: doc.positionAt(items[0]?.end ?? 0) };
    return items.map((c) => ({
      label: c.label,
      kind: KINDS[c.kind],
      textEdit: { range, newText: c.insert },
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { data: { metric: c.label, uri: p.textDocument.uri } } : {}),
    }));
  });

  connection.onCompletionResolve((item): CompletionItem => {
    const data = item.data as { metric?: unknown; uri?: unknown } | undefined;
    const at = typeof data?.uri === 'string' ? locate(data.uri) : undefined;
    const d = typeof data?.metric === 'string' ? at?.project.workspace.describe(data.metric) : undefined;
    return d ? { ...item, documentation: { kind: MarkupKind.Markdown, value: seriesMarkdown(d) } } : item;
  });

  connection.onHover((p): Hover | null => {
    const o = opened(p.textDocument.uri);
    if (!o) return null;
    const { doc, project, file } = o;
    const found = project.workspace.hoverAt(file, doc.getText(), doc.offsetAt(p.position));
    if (!found) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: found.markdown },
      range: { start: doc.positionAt(found.start), end: doc.positionAt(found.end) },
    };
  });

  connection.onDefinition((p): Location[] => {
    const o = opened(p.textDocument.uri);
    if (!o) return [];
    const { doc, project, file } = o;
    const at = project.workspace.seriesAt(file, doc.getText(), doc.offsetAt(p.position));
    const d = at ? project.workspace.describe(at.name) : undefined;
    return (d?.sites ?? []).map((s) => {
      const pos = { line: s.line - 1, character: s.column - 1 };
      return { uri: uriOf(project, s.file), range: { start: pos, end: pos } };
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
      for (const c of children.values()) c.dispose();
      for (const t of debounceTimers.values()) clearTimeout(t);
      if (watchedTimer) clearTimeout(watchedTimer);
    },
  };
}

/** The message with obs's hint on its own line (editors show both). */
function messageOf(d: Diagnostic): string {
  return d.hint ? `${d.message}\n${d.hint}` : d.message;
}
