export * from './check.ts';
export type * from './ast.ts';
export {
  parseGoTemplate,
  GoTemplateSyntaxError,
  type GoTemplateParseOptions,
  type GoTemplateParseResult,
} from './parse.ts';
