/** Message templates: `{{name}}` placeholders filled from a report's data. */

/** Values for a message template's `{{placeholders}}`. */
export type MessageData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * A message template read once: a function that fills it from a report's data (the engine keeps
 * one per check and message id for a run, not a regular expression replace per problem). A missing
 * value is a bug in the check: the error names it, as the first missing placeholder.
 */
export function compileMessage(checkId: string, template: string): (data: MessageData) => string {
  // Literal text and placeholder names alternate: [text, name, text, ..., text].
  const parts: string[] = [];
  let from = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(from, m.index), m[1] as string);
    from = m.index + m[0].length;
  }
  parts.push(template.slice(from));
  if (parts.length === 1) return () => template;
  return (data) => {
    let out = parts[0] as string;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] as string;
      const v = data[name];
      if (v === undefined) throw new Error(`${checkId}: no value for {{${name}}} in ${JSON.stringify(template)}`);
      out += String(v) + (parts[i + 1] as string);
    }
    return out;
  };
}

/** A message template with its placeholders filled; a missing value is a bug in the check. */
export function formatMessage(checkId: string, template: string, data: MessageData = {}): string {
  return compileMessage(checkId, template)(data);
}
