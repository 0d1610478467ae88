// Loader hook (runs on Node's loader thread): authored modules import the library as
// `dsl/index.ts`; they get the bundled build instead, so the CLI and the definitions share one
// instance of it (its module state: project root, caches, factories).
let from = '';
let to = '';

export function initialize(data) {
  from = data.from;
  to = data.to;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === from ? { url: to, format: 'module', shortCircuit: true } : resolved;
}
