/**
 * The one code writer of the generated modules: code-block-writer (the writer ts-morph is built on),
 * set to the house layout (two-space indents, single quotes). Registry, rule and dashboard modules
 * all lay their statements out through it and frame them with tsModule.
 */
import CodeBlockWriter from 'code-block-writer';

export type { CodeBlockWriter };

export function codeWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });
}
