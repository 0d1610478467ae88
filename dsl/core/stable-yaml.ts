/**
 * YAML that is byte-identical for the same input: insertion-ordered keys (callers order them),
 * no line folding, the same quoting every time, a trailing newline.
 */
import { stringify } from 'yaml';
import { needsEscapes, writeBlockYaml } from './yaml-writer.ts';

export function stableYaml(value: unknown, header?: string): string {
  const body =
    writeBlockYaml(value) ??
    stringify(value, {
      lineWidth: 0,
      minContentWidth: 0,
      indent: 2,
      indentSeq: true,
      defaultStringType: 'PLAIN',
      defaultKeyType: 'PLAIN',
      doubleQuotedAsJSON: true,
      aliasDuplicateObjects: false,
    });
  // The package writes some of those characters raw (and U+2028 in a JSON-style string): obs's writer
  // takes every string shape obs emits, so reaching here with one is a bug, not something to write.
  if (body !== undefined && needsEscapes(body.replace(/\n/g, '')))
    throw new Error('stableYaml: a value the YAML writer declined holds characters YAML would not read back verbatim');
  const head = header
    ? header
        .split('\n')
        .map((l) => (l ? `# ${l}` : '#'))
        .join('\n') + '\n'
    : '';
  return head + body;
}

/** An object with its keys sorted, for maps whose order carries no meaning (labels, annotations). */
export function sortedRecord<V>(r: Readonly<Record<string, V>> | undefined): Record<string, V> | undefined {
  if (!r) return undefined;
  const out: Record<string, V> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k] as V;
  return out;
}
