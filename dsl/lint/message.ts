/** Message templates: `{{name}}` placeholders filled from a report's data. */

/** Values for a message template's `{{placeholders}}`. */
export type MessageData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A message template with its placeholders filled; a missing value is a bug in the check. */
export function formatMessage(checkId: string, template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = data[name];
    if (v === undefined) throw new Error(`${checkId}: no value for {{${name}}} in ${JSON.stringify(template)}`);
    return String(v);
  });
}
