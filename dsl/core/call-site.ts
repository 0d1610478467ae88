/**
 * Where a definition was written: the first stack frame outside obs's own library, as a path
 * relative to the project. tsx enables source maps, so the frame points at the TS line the author
 * wrote, not at transpiled output.
 */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import type { SourceLocation } from './diagnostic.ts';

const LIBRARY_DIR = fileURLToPath(new URL('..', import.meta.url));
const FRAME = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/;

let projectRoot = process.cwd();

/** The directory paths in locations are relative to (the project root). */
export function setProjectRoot(dir: string): void {
  projectRoot = dir;
}

export function getProjectRoot(): string {
  return projectRoot;
}

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

export function relativeToProject(file: string): string {
  const rel = relative(projectRoot, toPath(file));
  return rel.split(sep).join('/');
}

/** Parses one `at ...` line of a V8 stack trace. */
export function parseFrame(line: string): SourceLocation | undefined {
  const m = FRAME.exec(line.trim());
  if (!m || m[1] === undefined) return undefined;
  return { file: toPath(m[1]), line: Number(m[2]), column: Number(m[3]) };
}

/** The first frames of a stack that are not obs's library, node internals or dependencies. */
export function authorFrames(stack: string | undefined): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const f = parseFrame(line);
    if (!f) continue;
    if (f.file.startsWith(LIBRARY_DIR) || f.file.includes(`${sep}node_modules${sep}`) || f.file.startsWith('node:')) continue;
    out.push({ ...f, file: relativeToProject(f.file) });
  }
  return out;
}

/** The author's call site of the obs function that calls this. */
export function captureCallSite(): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  Error.captureStackTrace(holder, captureCallSite);
  Error.stackTraceLimit = limit;
  return authorFrames(holder.stack)[0];
}
