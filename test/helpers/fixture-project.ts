/**
 * A throw-away obs project for one test: a temporary directory that looks like a real project to
 * the build (package.json with "type": "module", `dsl` and `node_modules` symlinked to this repo's,
 * an optional obs.config.ts and the given definition files), plus helpers to run `obs` commands
 * in-process, snapshot out/ byte for byte, and find marked lines in the fixture sources.
 *
 * Use a fresh fixture per case: Node caches imported modules by path, so a file rewritten in place
 * would not be imported again by the next build in the same process.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../dsl/cli/main.ts';
import { posixRelative } from '../../dsl/core/files.ts';
import type { CliIO } from '../../dsl/cli/io.ts';

/** The root of this repository (where dsl/, alerts/, node_modules/ live). */
export const REPO_ROOT = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One diagnostic as `obs` prints it: `file:line:col  severity  check-id`, then the indented message. */
export interface PrintedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly checkId: string;
  readonly message: string;
}

export interface FixtureOptions {
  /** Contents of obs.config.ts; omitted means no config file (the defaults). */
  readonly config?: string;
  /** Project-relative path → file contents. */
  readonly files?: Readonly<Record<string, string>>;
  /** Prefix of the temporary directory's name. */
  readonly prefix?: string;
}

export interface FixtureProject {
  /** Absolute, symlink-free path of the project directory (changes with `relocate`). */
  readonly root: string;
  /**
   * Moves the whole project (out/ included) to a new, never-used path. Node (and vitest) cache
   * imported modules by path, so a module edited after a build in this process is only imported
   * afresh from a path that was never imported: relocate, then edit, then build again.
   */
  relocate(): void;
  /** Writes (or overwrites) a project-relative file, creating folders. */
  write(path: string, content: string | Uint8Array): void;
  read(path: string): string;
  /** Replaces the one occurrence of `from` in a project file with `to` (throws unless exactly one). */
  replace(path: string, from: string, to: string): void;
  /** Copies files or folders of this repository (e.g. `alerts`, `obs.config.ts`) into the project. */
  copyFromRepo(...paths: string[]): void;
  /** Runs `obs <argv>` in-process with the project as cwd and captures its output. */
  run(argv: readonly string[]): Promise<CliRun>;
  /** Every file under `dir` (default out/) but the .obs-generated marker: path relative to `dir` (with `/`) → bytes, sorted. */
  snapshot(dir?: string): Map<string, Buffer>;
  /** 1-based line of the only line of `path` containing `marker` (default `// ERROR`). */
  lineOf(path: string, marker?: string): number;
  /** Removes the directory. Safe to call twice. */
  cleanup(): void;
}

/** A CliIO that collects output in memory. */
export function capturingIO(cwd: string, stdin = ''): CliIO & { readonly out: string[]; readonly err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err, cwd, color: false,
    stdout: (t) => { out.push(t); },
    stderr: (t) => { err.push(t); },
    readStdin: async () => stdin,
  };
}

/** Runs `obs <argv>` in-process in `cwd`. An exception (an obs bug) propagates to the test. */
export async function runObs(cwd: string, argv: readonly string[]): Promise<CliRun> {
  const io = capturingIO(cwd);
  const code = await main([...argv], io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

const DIAGNOSTIC_HEAD = /^(\S.*?):(\d+):(\d+) {2}(error|warning|info) {2}(\S+)$/;

/** Parses the diagnostics out of `obs build`/`obs test` text output (color off). */
export function parseDiagnostics(text: string): PrintedDiagnostic[] {
  const out: PrintedDiagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = DIAGNOSTIC_HEAD.exec(lines[i] ?? '');
    if (!m) continue;
    const message: string[] = [];
    // The message is the indented block right after the head line (the caret lines follow it).
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').startsWith('  '); j++) message.push((lines[j] ?? '').slice(2));
    out.push({
      file: m[1] ?? '', line: Number(m[2]), column: Number(m[3]),
      severity: m[4] as PrintedDiagnostic['severity'], checkId: m[5] ?? '', message: message.join('\n'),
    });
  }
  return out;
}

/** Every file below `dir`: relative path (with `/`) → bytes, sorted by path. Missing dir → empty. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files: [string, Buffer][] = [];
  const visit = (abs: string): void => {
    for (const e of readdirSync(abs)) {
      const p = join(abs, e);
      if (statSync(p).isDirectory()) visit(p);
      else files.push([posixRelative(dir, p), readFileSync(p)]);
    }
  };
  if (existsSync(dir)) visit(dir);
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** 1-based line of the only line of `text` that contains `marker`. */
export function lineOfMarker(text: string, marker = '// ERROR'): number {
  const hits = text.split('\n').flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`expected exactly one line containing ${JSON.stringify(marker)}, found ${hits.length}`);
  return hits[0] as number;
}

export function createFixtureProject(opts: FixtureOptions = {}): FixtureProject {
  // realpath: the build compares stack-frame paths (real paths) with the project root.
  let root = realpathSync(mkdtempSync(join(tmpdir(), opts.prefix ?? 'obs-fixture-')));
  const write = (path: string, content: string | Uint8Array): void => {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
  write('package.json', `${JSON.stringify({ name: 'obs-fixture', private: true, type: 'module' }, null, 2)}\n`);
  symlinkSync(join(REPO_ROOT, 'dsl'), join(root, 'dsl'), 'dir');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  if (opts.config !== undefined) write('obs.config.ts', opts.config);
  for (const [path, content] of Object.entries(opts.files ?? {})) write(path, content);
  let removed = false;
  let moves = 0;
  return {
    get root() {
      return root;
    },
    relocate: () => {
      const next = `${root.replace(/~\d+$/, '')}~${++moves}`;
      renameSync(root, next);
      root = next;
    },
    write,
    read: (path) => readFileSync(join(root, path), 'utf8'),
    replace: (path, from, to) => {
      const text = readFileSync(join(root, path), 'utf8');
      const n = text.split(from).length - 1;
      if (n !== 1) throw new Error(`${path}: expected exactly one occurrence of ${JSON.stringify(from)}, found ${n}`);
      write(path, text.replace(from, () => to));
    },
    copyFromRepo: (...paths) => {
      for (const p of paths) cpSync(join(REPO_ROOT, p), join(root, p), { recursive: true });
    },
    run: (argv) => runObs(root, argv),
    // The generated files, without the marker every built out/ holds (out-dir tests check it themselves).
    snapshot: (dir = 'out') => new Map([...snapshotTree(join(root, dir))].filter(([path]) => path !== '.obs-generated')),
    lineOf: (path, marker) => lineOfMarker(readFileSync(join(root, path), 'utf8'), marker),
    cleanup: () => {
      if (removed) return;
      removed = true;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the real `obs` binary (node + tsx, not vitest's transform) in a fixture, so tests can check
 * that call sites resolve the same way there as in-process.
 */
export async function runObsBinary(root: string, argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'obs.js');
  return promisify(execFile)(process.execPath, [bin, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
}
