/**
 * Latency and memory of `obs lsp` on this repository's definitions, as an editor sees them: a real
 * LSP client starts `node bin/obs.js lsp` over stdio, opens a module, and
 *   - edits it N times (default 1,000), each edit changing a PromQL text, and times each from the
 *     didChange to the diagnostics published for that version (the debounce included);
 *   - asks for completion at a metric name and at a label value, and times each answer;
 *   - types in a registry module (unsaved), adding then removing a metric the edited module uses,
 *     and times each from the registry's didChange to the module's diagnostics that see it;
 *   - reads the server's memory (after a GC) at the start, and after every quarter of the edits.
 *
 *   npx tsx scripts/bench-lsp.ts [--edits N] [--file alerts/ai-companion.ts] [--json]
 *
 * Goals (issue 18): diagnostics after an edit ≤ 300 ms, completion ≤ 100 ms, memory stable over
 * 1,000 edits. Results go to docs/editor.md by hand (the numbers depend on the machine).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CompletionItem,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '1000' },
    file: { type: 'string', default: 'alerts/ai-companion.ts' },
    registry: { type: 'string', default: 'registry/ai-companion.ts' },
    'registry-edits': { type: 'string', default: '100' },
    json: { type: 'boolean' },
  },
});
const EDITS = Number(values.edits);
const FILE = values.file ?? 'alerts/ai-companion.ts';
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const child = spawn(process.execPath, ['--expose-gc', join(ROOT, 'bin', 'obs.js'), 'lsp', '--stdio'], {
  cwd: ROOT,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const connection = createProtocolConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
const waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
const listeners = new Set<(p: PublishDiagnosticsParams) => void>();
let checked: (() => void) | undefined;
connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
  if (p.version !== undefined) waiting.get(p.version)?.(p);
  for (const l of listeners) l(p);
});
connection.onNotification('obs/projectChecked', () => checked?.());
connection.onNotification('window/logMessage', () => undefined);
connection.listen();

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}
const memory = async (): Promise<Memory> => connection.sendRequest('obs/memory');
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
const stats = (ms: number[]): { p50: number; p95: number; max: number; mean: number } => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return {
    p50: q(0.5),
    p95: q(0.95),
    max: s[s.length - 1] ?? 0,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
};
const fmt = (x: { p50: number; p95: number; max: number; mean: number }): string =>
  `p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms, max ${x.max.toFixed(0)} ms, mean ${x.mean.toFixed(0)} ms`;

const original = readFileSync(join(ROOT, FILE), 'utf8');
const uri = pathToFileURL(join(ROOT, FILE)).href;
// The edits: a threshold that changes every time (a new text to parse and check), and every other
// edit a misspelt metric (a diagnostic appears, then goes).
const firstThreshold = /> (0\.\d+)/.exec(original);
if (!firstThreshold) throw new Error(`${FILE} has no '> 0.x' threshold to edit`);
const metric = /promql`\s*([a-z_]+[a-z])\{/.exec(original)?.[1];
const textOf = (i: number): string => {
  let t = original.replace(firstThreshold[0], `> ${firstThreshold[1]}${i}`);
  if (metric && i % 2 === 1) t = t.replace(`${metric}{`, `${metric.slice(0, -1)}{`);
  return t;
};

const started = performance.now();
const ready = new Promise<void>((resolve) => (checked = resolve));
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(ROOT).href,
  capabilities: {},
  workspaceFolders: null,
});
await connection.sendNotification('initialized', {});
let version = 1;
const opened = new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));
await connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'typescript', version, text: original },
});
await opened;
log(`opened ${FILE}; waiting for the project check...`);
await ready;
const projectMs = performance.now() - started;
log(`project checked after ${projectMs.toFixed(0)} ms`);

const mem: { edits: number; rss: string; heapUsed: string }[] = [];
const note = async (edits: number): Promise<void> => {
  const m = await memory();
  mem.push({ edits, rss: mb(m.rss), heapUsed: mb(m.heapUsed) });
  log(`after ${edits} edits: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB`);
};
await note(0);

const diag: number[] = [];
let problems = 0;
for (let i = 1; i <= EDITS; i++) {
  version++;
  const text = textOf(i);
  const t0 = performance.now();
  const published = new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
  const p = await published;
  waiting.delete(version);
  diag.push(performance.now() - t0);
  if (i % 2 === 1 && p.diagnostics.some((d) => d.code === 'registry/unknown-metric')) problems++;
  if (i % Math.max(1, Math.floor(EDITS / 4)) === 0) await note(i);
}

// Completion: at a metric name of a promql template, and at a label name inside its selector.
const text = textOf(EDITS % 2 === 0 ? EDITS : EDITS + 1);
if (EDITS % 2 === 1) {
  version++;
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}
const lines = text.split('\n');
const positionOf = (offset: number): { line: number; character: number } => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
};
const nameAt = text.indexOf(`${metric ?? 'up'}{`) + 3;
// A label name inside a selector's braces (`{job=...`): the metric's labels.
const valueAt = text.indexOf(`${metric ?? 'up'}{`) + (metric ?? 'up').length + 1;
const completion: number[] = [];
let metricItems = 0;
let labelItems = 0;
for (let i = 0; i < 200; i++) {
  const at = i % 2 === 0 ? nameAt : valueAt;
  const t0 = performance.now();
  const items = (await connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(at),
  })) as CompletionItem[];
  completion.push(performance.now() - t0);
  if (i % 2 === 0) metricItems = items.length;
  else labelItems = items.length;
}

// A registry typed in (unsaved): a metric the module uses is added, then removed, by turns.
const REGISTRY = values.registry ?? 'registry/ai-companion.ts';
const REGISTRY_EDITS = Number(values['registry-edits']);
const registryUri = pathToFileURL(join(ROOT, REGISTRY)).href;
const registryText = readFileSync(join(ROOT, REGISTRY), 'utf8');
const metricsAt = registryText.indexOf('metrics: {');
if (metricsAt < 0) throw new Error(`${REGISTRY} has no 'metrics: {'`);
const ADDED = 'obs_bench_added_total';
const withAdded = `${registryText.slice(0, metricsAt + 'metrics: {'.length)}\n    ${ADDED}: counter({ help: 'added while typing' }),${registryText.slice(metricsAt + 'metrics: {'.length)}`;
const mentions = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => String(d.message).includes(ADDED));
const waitFor = (accept: (p: PublishDiagnosticsParams) => boolean): Promise<void> =>
  new Promise((resolve) => {
    const l = (p: PublishDiagnosticsParams): void => {
      if (p.uri !== uri || !accept(p)) return;
      listeners.delete(l);
      resolve();
    };
    listeners.add(l);
  });
// The module uses the metric no registry has yet: unknown.
version++;
const unknownFirst = waitFor(mentions);
await connection.sendNotification('textDocument/didChange', {
  textDocument: { uri, version },
  contentChanges: [{ text: text.replace(/> (0\.\d+)/, `> $1 + sum(rate(${ADDED}[5m]))`) }],
});
await unknownFirst;
let registryVersion = 1;
await connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri: registryUri, languageId: 'typescript', version: registryVersion, text: registryText },
});
const registryEdit: number[] = [];
for (let i = 1; i <= REGISTRY_EDITS; i++) {
  const adds = i % 2 === 1;
  const t0 = performance.now();
  const seen = waitFor((p) => mentions(p) !== adds);
  registryVersion++;
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: registryUri, version: registryVersion },
    contentChanges: [{ text: adds ? withAdded : `${registryText}\n// ${i}\n` }],
  });
  await seen;
  registryEdit.push(performance.now() - t0);
}

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

const result = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? '',
    load: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
    node: process.version,
  },
  file: FILE,
  lines: lines.length,
  edits: EDITS,
  projectCheckMs: Math.round(projectMs),
  diagnostics: stats(diag),
  unknownMetricReported: `${problems}/${Math.ceil(EDITS / 2)}`,
  completion: stats(completion),
  registry: REGISTRY,
  registryEdits: REGISTRY_EDITS,
  registryEdit: stats(registryEdit),
  metricItems,
  labelItems,
  memory: mem,
};
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    [
      `machine: ${result.machine.cpus} CPU (${result.machine.model}), load ${result.machine.load}, Node ${result.machine.node}`,
      `file: ${FILE} (${lines.length} lines), project check on start: ${result.projectCheckMs} ms`,
      `diagnostics after an edit (${EDITS} edits, debounce included): ${fmt(result.diagnostics)}; typo reported ${result.unknownMetricReported}`,
      `completion (200 requests, half at a metric name: ${metricItems} items, half at a label name: ${labelItems} items): ${fmt(result.completion)}`,
      `a registry typed in (${REGISTRY}, ${REGISTRY_EDITS} edits adding or removing a metric the module uses), from its didChange to the module's diagnostics: ${fmt(result.registryEdit)}`,
      `memory (after GC): ${mem.map((m) => `${m.edits} edits: rss ${m.rss} MB, heap ${m.heapUsed} MB`).join('; ')}`,
    ].join('\n') + '\n',
  );
}
