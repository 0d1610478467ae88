/** The frame of a generated TS module (registry import, rule and dashboard importers). */
import { tsString } from './literal.ts';

const WIDTH = 100;

/**
 * Header comment lines, one named import from the authoring API (wrapped past 100 columns), a blank
 * line, then the statements the caller laid out, ending with one line break.
 */
export function tsModule(opts: {
  readonly header: readonly string[];
  readonly from: string;
  readonly names: readonly string[];
  readonly body: string;
}): string {
  const names = opts.names.join(', ');
  const one = `import { ${names} } from ${tsString(opts.from)};`;
  const imports = one.length <= WIDTH ? one : `import {\n  ${names},\n} from ${tsString(opts.from)};`;
  return `${[...opts.header, imports].join('\n')}\n\n${opts.body.trimEnd()}\n`;
}
