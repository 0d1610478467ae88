/**
 * TS source for imported definitions: exported constants whose values are trees of factory calls
 * (`dashboard({ ... panels: [timeseries({ ... })] })`) and plain data, laid out as people write
 * them: a value on one line when it fits in 100 columns, else one entry per line.
 */
import { codeWriter, type CodeBlockWriter } from './writer.ts';
import { templateBody, tsKey, tsString } from './literal.ts';
import { tsModule } from './module.ts';

export interface Call {
  readonly __call: true;
  /** The factory, as dsl/index.ts exports it (`timeseries`), or a member of an export (`transform.merge`). */
  readonly name: string;
  readonly spec: Record<string, unknown>;
  /** Arguments instead of the one spec object (`transform.limit(10)`). */
  readonly args?: readonly unknown[];
}

export const call = (name: string, spec: Record<string, unknown>, args?: readonly unknown[]): Call => ({
  __call: true,
  name,
  spec,
  ...(args ? { args } : {}),
});

export function isCall(v: unknown): v is Call {
  return typeof v === 'object' && v !== null && (v as { __call?: unknown }).__call === true;
}

const WIDTH = 100;

function inline(v: unknown): string {
  if (isCall(v)) return `${v.name}(${v.args ? v.args.map(inline).join(', ') : inline(v.spec)})`;
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const pairs = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${tsKey(k)}: ${inline(x)}`);
    return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
  }
  if (typeof v === 'string') return v.includes('\n') ? `\`${templateBody(v)}\`` : tsString(v);
  return v === null ? 'null' : String(v);
}

/** `v` at the writer's position, after `prefix` (e.g. `title: `), followed by `suffix`. */
function write(w: CodeBlockWriter, prefix: string, v: unknown, suffix: string): void {
  const one = `${prefix}${inline(v)}${suffix}`;
  if (w.getIndentationLevel() * 2 + one.length <= WIDTH || (one.includes('\n') && !hasBreakableStructure(v))) {
    w.write(one).newLine();
    return;
  }
  if (isCall(v) && !v.args) {
    write(w, `${prefix}${v.name}(`, v.spec, `)${suffix}`);
    return;
  }
  if (Array.isArray(v)) {
    w.write(`${prefix}[`)
      .newLine()
      .indent(() => {
        for (const x of v) write(w, '', x, ',');
      })
      .write(`]${suffix}`)
      .newLine();
    return;
  }
  if (typeof v === 'object' && v !== null) {
    w.write(`${prefix}{`)
      .newLine()
      .indent(() => {
        for (const [k, x] of Object.entries(v)) if (x !== undefined) write(w, `${tsKey(k)}: `, x, ',');
      })
      .write(`}${suffix}`)
      .newLine();
    return;
  }
  w.write(one).newLine();
}

const hasBreakableStructure = (v: unknown): boolean =>
  isCall(v) || Array.isArray(v) || (typeof v === 'object' && v !== null);

function callNames(v: unknown, into: Set<string>): Set<string> {
  if (isCall(v)) {
    into.add(v.name.split('.')[0] ?? v.name);
    callNames(v.args ?? v.spec, into);
  } else if (Array.isArray(v)) for (const x of v) callNames(x, into);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) callNames(x, into);
  return into;
}

export function writeCalls(
  exports: readonly { readonly name: string; readonly value: Call }[],
  opts: { readonly header: string; readonly dslImport: string },
): string {
  const w = codeWriter();
  exports.forEach((e, i) => {
    if (i > 0) w.blankLine();
    write(w, `export const ${e.name} = `, e.value, ';');
  });
  const names = [
    ...callNames(
      exports.map((e) => e.value),
      new Set(),
    ),
  ].sort();
  return tsModule({ header: [opts.header], from: opts.dslImport, names, body: w.toString() });
}
