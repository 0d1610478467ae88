export * from './check.ts';
export type * from './ast.ts';
export { parseTemplate, TemplateSyntaxError, type ParseOptions, type ParseResult } from './parse.ts';
