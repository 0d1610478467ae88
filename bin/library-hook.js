// Loader hook (runs on Node's loader thread): authored modules import the library as
// `dsl/index.ts` (or a layer's `dsl/<layer>/index.ts`); they get the bundled build instead, so the
// CLI and the definitions share one instance of it (its module state: project root, caches,
// factories). It also tells the main thread every file it resolves, so the no-op rebuild can
// check files outside the project too.
let redirects = new Map();
let port;
const told = new Set();

export function initialize(data) {
  redirects = new Map(Object.entries(data.redirects));
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (port && resolved.url.startsWith('file:') && !told.has(resolved.url)) {
    told.add(resolved.url);
    port.postMessage(resolved.url);
  }
  const to = redirects.get(resolved.url);
  return to ? { url: to, format: 'module', shortCircuit: true } : resolved;
}
