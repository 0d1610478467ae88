/**
 * A definition module that never finishes (a synchronous loop, an await nothing settles, a timer
 * left running) is one located problem in the command's own output: `obs lint --format
 * text|json|github|sarif` prints it in that format on stdout (exit 1), `obs build` / `obs test`
 * on stderr; `obs build --watch` reports it and goes on watching, building again once the file is
 * fixed; `obs lsp` shows it in the file, at the looping line. Real processes throughout (the
 * binary, its bundle, the watchdog thread, the watch supervisor, an LSP client over stdio).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'obs.js');
/** Far above what these runs take; a command still running then has hung. */
const HANG_MS = 60_000;

interface Run {
  readonly code: number;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

function obs(root: string, argv: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: HANG_MS, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number; signal?: string | null }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

const OK = `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({
  name: 'ok',
  rules: [alert({ name: 'OkDown', expr: 'up == 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],
});
`;

/** The loop of a builder called while loading: line 5, column 3. */
const BUILDER_LOOP = `import { alert, ruleGroup } from '../dsl/index.ts';\n\nfunction rules(n: number) {\n  let i = 0;\n  while (i < n) i *= 2;\n  return [alert({ name: 'A', expr: 'up == 0' })];\n}\n\nexport const g = ruleGroup({ name: 'loop', rules: rules(3) });\n`;

const FAST = `export default { load: { timeout: '2s' } };\n`;

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly config?: string;
  /** `file:line:column checkId` of the one error. */
  readonly error: string;
}

const CASES: readonly Case[] = [
  { name: 'while (true) {} at the top level', files: { 'alerts/bad.ts': `export const n = 1;\nwhile (true) {}\n` }, error: 'alerts/bad.ts:2:1 collect/module-error' },
  { name: 'a loop in a function called at load', files: { 'alerts/bad.ts': BUILDER_LOOP }, error: 'alerts/bad.ts:5:3 collect/module-error' },
  {
    name: 'a loop in a registry module',
    files: { 'registry/api.ts': `import { counter, registry } from '../dsl/index.ts';\n\nlet n = 1;\nwhile (n > 0) n = (n % 7) + 1;\n\nexport const api = registry({ name: 'api', jobs: ['api'], metrics: { up_total: counter({ help: 'h' }) } });\n` },
    error: 'registry/api.ts:4:1 collect/module-error',
  },
  {
    name: 'a getter obs calls after loading',
    files: { 'alerts/bad.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\n\nconst labels = {\n  get severity(): string {\n    for (;;) {}\n  },\n};\n\nexport const g = ruleGroup({ name: 'loop', rules: [alert({ name: 'A', expr: 'up == 0', labels: labels as Record<string, string> })] });\n` },
    error: 'alerts/bad.ts:5:5 collect/never-returns',
  },
  { name: 'a top-level await that never settles', files: { 'alerts/bad.ts': `export const n = 1;\nexport const never = await new Promise<number>(() => {});\n` }, error: 'alerts/bad.ts:2:22 collect/module-error' },
  { name: 'a timer left running', files: { 'alerts/bad.ts': `export const n = 1;\nsetInterval(() => {}, 1000);\n` }, error: 'alerts/bad.ts:2:1 collect/module-side-effect' },
];

/** `file:line:column checkId` of each error a report in `format` gives, read the way its consumer reads it. */
function errorsOf(format: string, stdout: string): string[] {
  if (format === 'json') {
    const doc = JSON.parse(stdout) as { ok: boolean; problems: { checkId: string; severity: string; location: { file: string; line: number; column: number } }[] };
    expect(doc.ok).toBe(false);
    return doc.problems.filter((p) => p.severity === 'error').map((p) => `${p.location.file}:${p.location.line}:${p.location.column} ${p.checkId}`);
  }
  if (format === 'sarif') {
    const doc = JSON.parse(stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const run = doc.runs[0]!;
    const results = run.results.filter((r) => r.level === 'error');
    // Every result's rule is described in the log.
    for (const r of results) expect(run.tool.driver.rules.map((x) => x.id)).toContain(r.ruleId);
    return results.map((r) => {
      const l = r.locations[0]!.physicalLocation;
      return `${l.artifactLocation.uri}:${l.region.startLine}:${l.region.startColumn} ${r.ruleId}`;
    });
  }
  if (format === 'github') {
    return [...stdout.matchAll(/^::error file=([^,]+),line=(\d+),col=(\d+),title=obs ([^:]+)::/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
  }
  return parseDiagnostics(stdout).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`);
}

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;

describe.each(CASES)('$name', (c) => {
  it('obs lint reports it in every format (exit 1), obs build on stderr (exit 1)', async () => {
    const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, ...c.files }, config: c.config ?? FAST }));
    const runs = await Promise.all([...FORMATS.map((f) => obs(p.root, ['lint', '--format', f])), obs(p.root, ['build'])]);
    for (const [i, r] of runs.entries()) {
      const format = FORMATS[i];
      const what = `${format ? `obs lint --format ${format}` : 'obs build'}:\n${r.stdout}\n${r.stderr}`;
      expect(r.signal, `${what}\nhung`).toBeNull();
      expect(r.code, what).toBe(1);
      expect(format ? errorsOf(format, r.stdout) : errorsOf('text', r.stderr), what).toEqual([c.error]);
      expect(r.stderr, 'no word from the inspector').not.toMatch(/debugger/i);
    }
    expect(p.snapshot().size, 'nothing written').toBe(0);
  });
});

it('a loop in obs.config.ts is a located config error in every format (exit 2, like any config error)', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK }, config: `let n = 0;\nwhile (n >= 0) n++;\nexport default {};\n` }));
  const runs = await Promise.all(FORMATS.map((f) => obs(p.root, ['lint', '--format', f], { OBS_LOAD_TIMEOUT: '2s' })));
  for (const [i, r] of runs.entries()) {
    const what = `obs lint --format ${FORMATS[i]}:\n${r.stdout}\n${r.stderr}`;
    expect(r.code, what).toBe(2);
    expect(r.stdout, what).toBe('');
    expect(r.stderr.trim(), what).toMatch(/^obs lint: obs\.config\.ts:2:1: cannot load: did not finish loading: it was still running after 2s without ever returning/);
  }
});

/** Lines of a running process's output as they come, and a wait for one that matches. */
function follow(child: ChildProcess): { text: () => string; until: (re: RegExp, count?: number) => Promise<void> } {
  let text = '';
  const waiters: { re: RegExp; count: number; done: () => void }[] = [];
  const seen = (): void => {
    for (const w of [...waiters]) {
      if ((text.match(new RegExp(w.re.source, `${w.re.flags.replace('g', '')}g`)) ?? []).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    }
  };
  for (const s of [child.stdout, child.stderr]) s?.setEncoding('utf8').on('data', (d: string) => ((text += d), seen()));
  return {
    text: () => text,
    until: (re, count = 1) =>
      new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`waited for ${re} ×${count}; got:\n${text}`)), HANG_MS);
        waiters.push({ re, count, done: () => (clearTimeout(timer), done()) });
        seen();
      }),
  };
}

it('obs build --watch reports the loop, keeps watching, and builds again once the file is fixed', async () => {
  const fixed = OK.replace(/ok/g, 'fixed').replace('OkDown', 'FixedDown');
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': BUILDER_LOOP }, config: FAST }));
  const child = spawn(process.execPath, [BIN, 'build', '--watch'], { cwd: p.root, env: { ...process.env, NO_COLOR: '1' } });
  const out = follow(child);
  try {
    await out.until(/it runs again after the next save/);
    expect(parseDiagnostics(out.text()).map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`)).toEqual(['alerts/bad.ts:5:3 collect/module-error']);
    await out.until(/^watching .* for changes/m);
    p.write('alerts/bad.ts', fixed);
    await out.until(/^ {2}fixed {2}alerts\/bad\.ts:5:3 collect\/module-error/m);
    await out.until(/wrote {3}out\/rules\/alerts\/bad\.yml/);
    expect(existsSync(join(p.root, 'out', 'rules', 'alerts', 'bad.yml'))).toBe(true);
    // Broken again: reported again, and watching goes on.
    await out.until(/^watching .* for changes/m, 2);
    p.write('alerts/bad.ts', BUILDER_LOOP);
    await out.until(/it runs again after the next save/, 2);
    expect(child.exitCode).toBeNull();
    // out/ keeps the last good build.
    expect(existsSync(join(p.root, 'out', 'rules', 'alerts', 'bad.yml'))).toBe(true);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited, out.text()).toBe(0);
  }
}, 180_000);

it('obs lsp shows the loop as a diagnostic at the looping line of its file, and clears it once fixed', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': BUILDER_LOOP }, config: FAST }));
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: p.root, stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, PublishDiagnosticsParams>();
  let checked: (() => void) | undefined;
  const messages: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (d: PublishDiagnosticsParams) => void published.set(d.uri, d));
  connection.onNotification('obs/projectChecked', () => checked?.());
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('window/showMessage', (m: { message: string }) => void messages.push(m.message));
  connection.listen();
  const projectChecked = (): Promise<void> => new Promise((resolve) => (checked = resolve));
  const bad = pathToFileURL(join(p.root, 'alerts', 'bad.ts')).href;
  try {
    const first = projectChecked();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(p.root).href, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    await first;
    const ds = published.get(bad)?.diagnostics ?? [];
    expect(ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`)).toEqual(['5:3 collect/module-error']);
    expect(ds[0]!.message).toMatch(/did not finish loading/);
    expect(messages, 'shown in the file, not as a failed check').toEqual([]);
    p.write('alerts/bad.ts', OK.replace(/ok/g, 'fixed').replace('OkDown', 'FixedDown'));
    const again = projectChecked();
    // Saved outside the editor (the file is not open): the client tells the server the file changed.
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bad, type: 2 }] });
    await again;
    expect(published.get(bad)?.diagnostics).toEqual([]);
  } finally {
    child.kill();
    connection.dispose();
  }
}, 180_000);
