// Loader hook (runs on Node's loader thread): authored modules import the library as
// `dsl/index.ts`; they get the bundled build instead, so the CLI and the definitions share one
// instance of it (its module state: project root, caches, factories). It also tells the main
// thread every file it resolves, so the no-op rebuild can check files outside the project too.
let from = '';
let to = '';
let port;
const told = new Set();

export function initialize(data) {
  from = data.from;
  to = data.to;
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (port && resolved.url.startsWith('file:') && !told.has(resolved.url)) {
    told.add(resolved.url);
    port.postMessage(resolved.url);
  }
  return resolved.url === from ? { url: to, format: 'module', shortCircuit: true } : resolved;
}
