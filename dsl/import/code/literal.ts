/** TypeScript source text for values, for the modules obs generates (registry and rule importers). */

const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
  'arguments',
  'eval',
  'undefined',
]);

/** A single-quoted string literal. */
export function tsString(s: string): string {
  return `'${s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

/** The body of a template literal whose cooked value is `s`. */
export function templateBody(s: string): string {
  // A raw CR in a template literal reads back as LF: it is escaped like the others.
  return s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
}

/** An object key: bare when it is an identifier, else quoted. */
export function tsKey(s: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : tsString(s);
}

/** A camelCase identifier for a name like `node-exporter` or `api.rules`, never a reserved word. */
export function identifierFor(name: string, fallback: string): string {
  const words = name.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  const id = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : (w[0]?.toUpperCase() ?? '') + w.slice(1).toLowerCase()))
    .join('');
  const safe = /^[0-9]/.test(id) ? `_${id}` : id || fallback;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}
