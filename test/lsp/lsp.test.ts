/**
 * `obs lsp` end to end: a real LSP client (vscode-languageserver-protocol) talking to
 * `node bin/obs.js lsp` over stdio, on a fixture project with a registry, a recording rule and an
 * alert module: initialize, open, change (unsaved), diagnostics at the exact character, completion,
 * hover, definition, quick fix, save (every check, in a child), a broken buffer, shutdown and exit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  StreamMessageReader, StreamMessageWriter, createProtocolConnection,
  type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Location, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

const REGISTRY = `import { counter, gauge, registry } from '../dsl/index.ts';

export const api = registry({
  name: 'api',
  jobs: ['api'],
  metrics: {
    http_requests_total: counter({
      help: 'HTTP requests served.',
      labels: ['code', 'method'],
      values: { method: ['GET', 'POST'] },
    }),
    queue_depth: gauge({ help: 'Jobs waiting.' }),
  },
});
`;

const RECORDING = `import { promql, record, ruleGroup } from '../dsl/index.ts';

export const apiRecording = ruleGroup({
  name: 'api.recording',
  rules: [
    record({ name: 'job:http_requests:rate5m', expr: promql\`sum by (job) (rate(http_requests_total[5m]))\` }),
  ],
});
`;

// Line numbers below are 0-based, as LSP counts them.
const ALERTS = [
  `import { alert, promql, ruleGroup } from '../dsl/index.ts';`,
  ``,
  `const job = 'api';`,
  ``,
  `export const apiAlerts = ruleGroup({`,
  `  name: 'api.alerts',`,
  `  rules: [`,
  `    alert({`,
  `      name: 'ApiErrors',`,
  `      expr: promql\`sum(rate(http_request_total{job=\${job}}[5m])) > 1\`,`,
  `      labels: { severity: 'page' },`,
  `      annotations: { summary: 'errors', runbook_url: 'https://runbooks.example.com/api' },`,
  `    }),`,
  `    alert({`,
  `      name: 'ApiPosts',`,
  `      expr: "sum(rate(http_requests_total{method=\\"GTE\\"}[5m])) > 1",`,
  `      labels: { severity: 'page' },`,
  `      annotations: { summary: 'posts', runbook_url: 'https://runbooks.example.com/api' },`,
  `    }),`,
  `  ],`,
  `});`,
  ``,
].join('\n');

interface Server {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  readonly diagnostics: Map<string, PublishDiagnosticsParams[]>;
  /** What the server showed the user (window/showMessage). */
  readonly messages: { type: number; message: string }[];
  /** Resolves when the next project check (on start, after a save) is done. */
  projectChecked(): Promise<void>;
  /** The next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(uri: string, accept?: (d: readonly Diagnostic[]) => boolean): Promise<readonly Diagnostic[]>;
  stderr(): string;
}

function startServer(root: string): Server {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'obs.js'), 'lsp', '--stdio'], { cwd: root, stdio: 'pipe' });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; accept: (d: readonly Diagnostic[]) => boolean; resolve: (d: readonly Diagnostic[]) => void }[] = [];
  const checked: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, [...(diagnostics.get(p.uri) ?? []), p]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('obs/projectChecked', () => checked.splice(0).forEach((f) => f()));
  connection.onNotification('window/logMessage', () => undefined);
  const messages: { type: number; message: string }[] = [];
  connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void messages.push(m));
  connection.listen();
  return {
    child, connection, diagnostics, messages,
    projectChecked: () => new Promise((resolve) => checked.push(resolve)),
    nextDiagnostics: (uri, accept = () => true) => new Promise((resolve) => waiters.push({ uri, accept, resolve })),
    stderr: () => stderr,
  };
}

const at = (line: number, character: number) => ({ line, character });

describe('obs lsp', () => {
  let fx: FixtureProject;
  let server: Server;
  let uri: string;
  let text = ALERTS;
  let version = 1;

  const change = async (next: string, accept?: (d: readonly Diagnostic[]) => boolean): Promise<readonly Diagnostic[]> => {
    text = next;
    version++;
    const published = server.nextDiagnostics(uri, accept);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  };

  beforeAll(async () => {
    fx = createFixtureProject({ prefix: 'obs-lsp-', files: { 'registry/api.ts': REGISTRY, 'recording/api.ts': RECORDING, 'alerts/api.ts': ALERTS } });
    uri = pathToFileURL(join(fx.root, 'alerts', 'api.ts')).href;
    server = startServer(fx.root);
    const first = server.projectChecked();
    const init = await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(fx.root).href, capabilities: {}, workspaceFolders: null });
    expect(init).toMatchObject({ capabilities: { hoverProvider: true, definitionProvider: true, completionProvider: {}, codeActionProvider: {} } });
    await server.connection.sendNotification('initialized', {});
    await first;
  }, 180_000);

  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill();
    fx?.cleanup();
  });

  it('reports the unsaved text\'s PromQL problems at the exact character, with the hint', async () => {
    const published = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'registry/unknown-metric'));
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    const ds = await published;
    const unknown = ds.find((d) => d.code === 'registry/unknown-metric');
    // `http_request_total` on line 9, after `      expr: promql\`sum(rate(`.
    const col = ALERTS.split('\n')[9]!.indexOf('http_request_total');
    expect(unknown?.range).toEqual({ start: at(9, col), end: at(9, col + 'http_request_total'.length) });
    expect(unknown?.message).toContain('did you mean "http_requests_total"?');
    expect(unknown?.source).toBe('obs');
    // A closed label value in a plain string with escaped quotes: located past the backslashes.
    const value = ds.find((d) => d.code === 'registry/label-value');
    const line15 = ALERTS.split('\n')[15]!;
    expect(value?.range.start).toEqual(at(15, line15.indexOf('\\"GTE')));
    expect(value?.message).toContain('did you mean "GET"?');
  });

  it('offers the "did you mean" suggestion as a quick fix', async () => {
    const ds = server.diagnostics.get(uri)?.at(-1)?.diagnostics ?? [];
    const unknown = ds.find((d) => d.code === 'registry/unknown-metric');
    expect(unknown).toBeDefined();
    const actions = await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unknown!.range, context: { diagnostics: [unknown] } }) as CodeAction[];
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true, edit: { changes: { [uri]: [{ range: unknown!.range, newText: 'http_requests_total' }] } } });
  });

  it('checks again as the text changes, before it is saved', async () => {
    const fixed = text.replace('http_request_total', 'http_requests_total').replace('[5m])) > 1`', '[5m]) > 1`');
    const ds = await change(fixed, (d) => !d.some((x) => x.code === 'registry/unknown-metric'));
    const syntax = ds.filter((d) => d.code === 'promql/syntax');
    expect(syntax).toHaveLength(1);
    const line = fixed.split('\n')[9]!;
    // The template's `${job}` is 6 characters in the source and `"api"` in the PromQL: the position is the source's.
    expect(syntax[0]!.range.start.line).toBe(9);
    expect(syntax[0]!.range.start.character).toBeGreaterThan(line.indexOf('${job}'));
    expect(syntax[0]!.severity).toBe(1);
  });

  it('completes metric names with type and help, label names and closed label values', async () => {
    await change(ALERTS);
    const line = ALERTS.split('\n')[9]!;
    const inName = line.indexOf('http_request_total') + 4;
    const metrics = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(9, inName) }) as CompletionItem[];
    const total = metrics.find((c) => c.label === 'http_requests_total');
    expect(total).toMatchObject({ detail: 'counter · registry api' });
    const resolved = await server.connection.sendRequest('completionItem/resolve', total) as CompletionItem;
    expect(resolved.documentation).toMatchObject({ kind: 'markdown', value: expect.stringContaining('HTTP requests served.') });
    expect(total?.textEdit).toMatchObject({ newText: 'http_requests_total', range: { start: at(9, line.indexOf('http_request_total')), end: at(9, inName) } });
    expect(metrics.map((c) => c.label)).toContain('job:http_requests:rate5m');

    const line15 = ALERTS.split('\n')[15]!;
    const inValue = line15.indexOf('GTE') + 1;
    const values = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(15, inValue) }) as CompletionItem[];
    expect(values.map((c) => c.label)).toEqual(['GET', 'POST']);
    const inLabels = line15.indexOf('method');
    const labels = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(15, inLabels) }) as CompletionItem[];
    expect(labels.map((c) => c.label)).toEqual(expect.arrayContaining(['code', 'method', 'job', 'instance']));
  });

  it('hovers a metric with its type, help, labels and registry, and goes to its definition', async () => {
    const line15 = ALERTS.split('\n')[15]!;
    const pos = at(15, line15.indexOf('http_requests_total') + 3);
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos }) as Hover;
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('**http_requests_total** · counter');
    expect(value).toContain('HTTP requests served.');
    expect(value).toContain('`method` ("GET" | "POST")');
    expect(value).toContain('registry api');
    const defs = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: pos }) as Location[];
    const regLine = REGISTRY.split('\n').findIndex((l) => l.includes('http_requests_total: counter('));
    expect(defs).toHaveLength(1);
    expect(defs[0]!.uri).toBe(pathToFileURL(join(fx.root, 'registry', 'api.ts')).href);
    expect(defs[0]!.range.start.line).toBe(regLine);
  });

  it('goes to the recording rule that records a series', async () => {
    const next = ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', 'job:http_requests:rate5m{job=${job}} > 1');
    await change(next);
    const line = next.split('\n')[9]!;
    const defs = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at(9, line.indexOf('job:http') + 5) }) as Location[];
    expect(defs[0]?.uri).toBe(pathToFileURL(join(fx.root, 'recording', 'api.ts')).href);
    expect(defs[0]?.range.start.line).toBe(RECORDING.split('\n').findIndex((l) => l.includes('record({')));
  });

  it('hovers a label name: the metrics that have it, its closed values and their registry', async () => {
    await change(ALERTS);
    const line15 = ALERTS.split('\n')[15]!;
    const col = line15.indexOf('method=') + 2;
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(15, col) }) as Hover;
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('**method** · label');
    expect(value).toContain('on `http_requests_total`');
    expect(value).toContain('closed values: "GET" | "POST" (http_requests_total, registry api)');
    expect(hover.range).toEqual({ start: at(15, line15.indexOf('method=')), end: at(15, line15.indexOf('method=') + 'method'.length) });
    // `job` in a `by (...)`: a target label of the registry, with its jobs.
    const byJob = ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', 'sum by (job, code) (rate(http_requests_total[5m])) > 1');
    await change(byJob);
    const line9 = byJob.split('\n')[9]!;
    const jobHover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, line9.indexOf('job,') + 1) }) as Hover;
    const jobText = (jobHover.contents as { value: string }).value;
    expect(jobText).toContain('**job** · label');
    expect(jobText).toContain('jobs: "api" (registry api)');
    expect(jobText).toContain('a target label (added by Prometheus at scrape) of registry api');
  });

  it('hovers a function and an aggregation: signature and what it does', async () => {
    const line9 = text.split('\n')[9]!;
    const rate = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, line9.indexOf('rate(') + 2) }) as Hover;
    const value = (rate.contents as { value: string }).value;
    expect(value).toContain('**rate** · function');
    expect(value).toContain('rate(matrix) → vector');
    expect(value).toContain('per-second average rate of increase of a counter');
    expect(rate.range).toEqual({ start: at(9, line9.indexOf('rate(')), end: at(9, line9.indexOf('rate(') + 4) });
    const sum = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, line9.indexOf('sum by') + 1) }) as Hover;
    expect((sum.contents as { value: string }).value).toContain('sum [by|without (labels)] (vector)');
  });

  it('completes label names inside by (...) from the metrics of the expression', async () => {
    const next = ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', 'sum by (me) (rate(http_requests_total[5m])) > 1');
    await change(next);
    const line9 = next.split('\n')[9]!;
    const col = line9.indexOf('by (me') + 'by (me'.length;
    const items = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(9, col) }) as CompletionItem[];
    const labels = items.map((c) => c.label);
    // The metric's own labels, its registry's target labels (and those the project's relabelling adds), no other metric's.
    expect(labels).toEqual(expect.arrayContaining(['code', 'instance', 'job', 'method']));
    expect(labels).not.toContain('le');
    expect(items.every((c) => c.kind === 10)).toBe(true);
    expect(items[0]?.textEdit).toMatchObject({ range: { start: at(9, col - 2), end: at(9, col) } });
  });

  it('sees a metric added to a registry before the registry is saved, and forgets it when the edit is dropped', async () => {
    // The alert uses a metric no registry has yet.
    const usesNew = ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', 'max(queue_wait_seconds_bucket{queue="mail"}) > 1');
    let ds = await change(usesNew, (d) => d.some((x) => x.code === 'registry/unknown-metric' && String(x.message).includes('queue_wait_seconds_bucket')));
    const line9 = usesNew.split('\n')[9]!;
    expect(ds.find((d) => String(d.message).includes('queue_wait_seconds_bucket'))?.range.start).toEqual(at(9, line9.indexOf('queue_wait')));
    // The registry module is opened and the metric typed, not saved.
    const regUri = pathToFileURL(join(fx.root, 'registry', 'api.ts')).href;
    const edited = REGISTRY.replace("    queue_depth: gauge({ help: 'Jobs waiting.' }),", "    queue_depth: gauge({ help: 'Jobs waiting.' }),\n    queue_wait_seconds: histogram({ help: 'Time a job waits.', labels: ['queue'], values: { queue: ['mail', 'sms'] } }),").replace('import { counter, gauge, registry }', 'import { counter, gauge, histogram, registry }');
    const cleared = server.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'registry/unknown-metric'));
    const started = Date.now();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: regUri, languageId: 'typescript', version: 1, text: REGISTRY } });
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: regUri, version: 2 }, contentChanges: [{ text: edited }] });
    ds = await cleared;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ds.filter((d) => d.code === 'registry/unknown-metric')).toEqual([]);
    // Completion, hover and definition know it, at its unsaved place.
    const items = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(9, line9.indexOf('queue_wait') + 5) }) as CompletionItem[];
    expect(items.find((c) => c.label === 'queue_wait_seconds_bucket')).toMatchObject({ detail: 'counter · registry api' });
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, line9.indexOf('queue_wait') + 3) }) as Hover;
    expect((hover.contents as { value: string }).value).toContain('Time a job waits.');
    const defs = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at(9, line9.indexOf('queue_wait') + 3) }) as Location[];
    const defLine = edited.split('\n').findIndex((l) => l.includes('queue_wait_seconds: histogram('));
    expect(defs).toEqual([{ uri: regUri, range: { start: at(defLine, 4), end: at(defLine, 4) } }]);
    // A closed value of the new metric is checked too.
    const badValue = usesNew.replace('queue="mail"', 'queue="mial"');
    ds = await change(badValue, (d) => d.some((x) => x.code === 'registry/label-value'));
    expect(ds.find((d) => d.code === 'registry/label-value')?.message).toContain('did you mean "mail"?');
    // The registry closed without saving: the metric is unknown again.
    const back = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'registry/unknown-metric'));
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: regUri } });
    expect((await back).some((d) => String(d.message).includes('queue_wait_seconds_bucket'))).toBe(true);
  });

  it('sees a recording rule typed in another module before it is saved', async () => {
    const usesRecorded = ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', 'job:queue_depth:max5m > 1');
    await change(usesRecorded, (d) => d.some((x) => x.code === 'registry/unknown-metric'));
    const recUri = pathToFileURL(join(fx.root, 'recording', 'api.ts')).href;
    const edited = RECORDING.replace('  ],', "    record({ name: 'job:queue_depth:max5m', expr: 'max by (job) (max_over_time(queue_depth[5m]))' }),\n  ],");
    const cleared = server.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'registry/unknown-metric'));
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: recUri, languageId: 'typescript', version: 1, text: edited } });
    await cleared;
    const line9 = usesRecorded.split('\n')[9]!;
    const defs = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at(9, line9.indexOf('job:queue') + 4) }) as Location[];
    const recLine = edited.split('\n').findIndex((l) => l.includes("'job:queue_depth:max5m'"));
    expect(defs[0]).toMatchObject({ uri: recUri, range: { start: { line: recLine } } });
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, line9.indexOf('job:queue') + 4) }) as Hover;
    expect((hover.contents as { value: string }).value).toContain('max by (job) (max_over_time(queue_depth[5m]))');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: recUri } });
    await change(ALERTS, (d) => d.some((x) => x.code === 'registry/unknown-metric'));
  });

  it('survives a buffer that is not valid TS, and keeps answering', async () => {
    const broken = `${ALERTS.slice(0, ALERTS.indexOf('    alert({\n      name: \'ApiPosts'))}    alert({ expr: promql\`rate(up[5m]\` ))) {{{ const\n`;
    const ds = await change(broken);
    expect(ds.some((d) => d.code === 'promql/syntax')).toBe(true);
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(9, 30) });
    expect(hover === null || typeof hover === 'object').toBe(true);
    expect(server.child.exitCode).toBeNull();
  });

  it('runs every obs check on save and maps the problems to the file', async () => {
    // A second group of the same name: only the whole-project checks see it.
    const saved = ALERTS.replace(`      name: 'ApiPosts',`, `      name: 'ApiPosts',\n      for: '5x',`);
    fx.write('alerts/api.ts', saved);
    await change(saved);
    const checked = server.projectChecked();
    const published = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'rules/durations' || x.code === 'rules/fields'));
    await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await checked;
    const ds = await published;
    const bad = ds.find((d) => d.code === 'rules/durations' || d.code === 'rules/fields');
    // Where obs build reports it: the alert's call.
    expect(bad?.range.start.line).toBe(13);
    expect(bad?.message).toContain('5x');
    // The live problems are still there once, not doubled by the project's run.
    expect(ds.filter((d) => d.code === 'registry/unknown-metric')).toHaveLength(1);
  }, 180_000);

  it('shuts down and exits with 0', async () => {
    await server.connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    await server.connection.sendNotification('exit');
    expect(await exited).toBe(0);
    expect(server.stderr()).toBe('');
  });
});

describe('obs lsp on a project whose config does not load', () => {
  it('says why in the editor and keeps checking the PromQL as typed', async () => {
    const fx = createFixtureProject({ prefix: 'obs-lsp-config-', config: `throw new Error('no config today');\n`, files: { 'alerts/a.ts': ALERTS } });
    const server = startServer(fx.root);
    try {
      const checked = server.projectChecked();
      await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(fx.root).href, capabilities: {}, workspaceFolders: null });
      await server.connection.sendNotification('initialized', {});
      await checked;
      expect(server.messages.map((m) => m.message).join('\n')).toMatch(/obs: the project could not be checked: .*obs\.config\.ts/);
      expect(server.messages[0]?.type).toBe(1);
      const uri = pathToFileURL(join(fx.root, 'alerts', 'a.ts')).href;
      const published = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'promql/syntax'));
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: ALERTS.replace('[5m])) > 1', '[5m]) > 1') } });
      expect((await published).find((d) => d.code === 'promql/syntax')?.range.start.line).toBe(9);
      await server.connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
      await server.connection.sendNotification('exit');
      expect(await exited).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill();
      fx.cleanup();
    }
  }, 180_000);
});

describe('obs lsp over several workspace folders, with files changed outside the editor', () => {
  it('routes each file to its own project, leaves files outside any project alone, and follows changes on disk', async () => {
    const uses = (metric: string) => ALERTS.replace('sum(rate(http_request_total{job=${job}}[5m])) > 1', `sum(rate(${metric}[5m])) > 1`);
    // Project A knows http_requests_total; project B (its own registry) knows jobs_done_total, then more once its registry changes on disk.
    const a = createFixtureProject({ prefix: 'obs-lsp-a-', files: { 'registry/api.ts': REGISTRY, 'alerts/a.ts': uses('jobs_done_total') } });
    const registryB = REGISTRY.replace("name: 'api'", "name: 'worker'").replace("jobs: ['api']", "jobs: ['worker']").replace('http_requests_total: counter', 'jobs_done_total: counter');
    const b = createFixtureProject({ prefix: 'obs-lsp-b-', config: `import { defineConfig } from './dsl/index.ts';\nexport default defineConfig({});\n`, files: { 'registry/worker.ts': registryB, 'alerts/b.ts': uses('jobs_done_total') } });
    const plain = mkdtempSync(join(tmpdir(), 'obs-lsp-plain-'));
    writeFileSync(join(plain, 'x.ts'), uses('nothing_known_total'));
    const server = startServer(plain);
    const registrations: unknown[] = [];
    server.connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      registrations.push(...p.registrations);
      return null;
    });
    const checkedRoots: string[] = [];
    server.connection.onNotification('obs/projectChecked', (p: { root: string }) => void checkedRoots.push(p.root));
    try {
      await server.connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null,
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
        workspaceFolders: [a.root, b.root, plain].map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      });
      await server.connection.sendNotification('initialized', {});
      await vi.waitFor(() => expect(checkedRoots.sort()).toEqual([a.root, b.root].sort()), { timeout: 120_000, interval: 100 });
      // The server asked the client to watch the files.
      expect(registrations).toEqual([expect.objectContaining({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*.{ts,mts,json,yml,yaml}' }] } })]);

      const open = async (root: string, file: string, accept: (d: readonly Diagnostic[]) => boolean) => {
        const uri = pathToFileURL(join(root, file)).href;
        const published = server.nextDiagnostics(uri, accept);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(root, file), 'utf8') } });
        return { uri, diagnostics: await published };
      };
      const line9 = uses('jobs_done_total').split('\n')[9]!;
      // In A, jobs_done_total is B's metric: unknown, at its exact place.
      const inA = await open(a.root, 'alerts/a.ts', (d) => d.some((x) => x.code === 'registry/unknown-metric'));
      expect(inA.diagnostics.find((d) => d.code === 'registry/unknown-metric')?.range).toEqual({ start: at(9, line9.indexOf('jobs_done_total')), end: at(9, line9.indexOf('jobs_done_total') + 'jobs_done_total'.length) });
      // In B it is known, and A's http_requests_total (line 15) is B's unknown one.
      const inB = await open(b.root, 'alerts/b.ts', (d) => d.length > 0);
      expect(inB.diagnostics.filter((d) => String(d.message).includes('jobs_done_total'))).toEqual([]);
      expect(inB.diagnostics.find((d) => d.code === 'registry/unknown-metric')?.range.start.line).toBe(15);
      const itemsB = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: inB.uri }, position: at(9, line9.indexOf('jobs_done_total') + 3) }) as CompletionItem[];
      expect(itemsB.map((c) => c.label)).toContain('jobs_done_total');
      expect(itemsB.map((c) => c.label)).not.toContain('http_requests_total');

      // A file in a folder that is no obs project: nothing, and no error.
      const plainUri = pathToFileURL(join(plain, 'x.ts')).href;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: plainUri, languageId: 'typescript', version: 1, text: uses('nothing_known_total') } });
      expect(await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: plainUri }, position: at(9, line9.indexOf('jobs_done_total') + 3) })).toEqual([]);
      expect(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: plainUri }, position: at(9, line9.indexOf('rate(') + 1) })).toBeNull();
      expect(server.diagnostics.get(plainUri)).toBeUndefined();

      // A's registry changes on disk (a checkout, a generator): B's metric is known in A once the client says so, and B is not checked again.
      const cleared = server.nextDiagnostics(inA.uri, (d) => !d.some((x) => x.code === 'registry/unknown-metric'));
      a.write('registry/api.ts', REGISTRY.replace("queue_depth: gauge({ help: 'Jobs waiting.' }),", "queue_depth: gauge({ help: 'Jobs waiting.' }),\n    jobs_done_total: counter({ help: 'Jobs done.' }),"));
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(a.root, 'registry', 'api.ts')).href, type: 2 }] });
      const after = await cleared;
      expect(after.filter((d) => String(d.message).includes('jobs_done_total'))).toEqual([]);
      await vi.waitFor(() => expect(checkedRoots.filter((r) => r === a.root)).toHaveLength(2));
      expect(checkedRoots.filter((r) => r === b.root)).toHaveLength(1);
      expect(server.messages).toEqual([]);

      await server.connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
      await server.connection.sendNotification('exit');
      expect(await exited).toBe(0);
      expect(server.stderr()).toBe('');
    } finally {
      if (server.child.exitCode === null) server.child.kill();
      a.cleanup();
      b.cleanup();
      rmSync(plain, { recursive: true, force: true });
    }
  }, 240_000);
});
