/** `obs routes`: which receiver each alert of the project reaches. */
import { parseArgs } from 'node:util';
import { alertRoutes } from '../pipeline/routes.ts';
import { ConfigError } from '../config/load.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';

export const ROUTES_USAGE = `usage: obs routes [--json]

Lists, for every alert of the project, the Alertmanager routes it lands on and their receivers,
from the rules' labels and the labels their expressions keep. "(if ...)" marks a route only some
of the alert's series reach (a matcher on a label whose value the series decides).
Exit code: 0 listed, 1 the definitions have errors or an alert reaches only the root receiver, 2 usage error.`;

export async function routesCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${ROUTES_USAGE}\n`);
    return 0;
  }
  let r;
  try {
    r = await alertRoutes(io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  if (!r.ok) {
    if (r.diagnostics.length) io.stderr(formatDiagnosticsText(r.diagnostics, { root: io.cwd, color: io.color }));
    io.stderr(`obs routes: ${r.reason}\n`);
    return 1;
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(r.routes, null, 2)}\n`);
  } else {
    const width = Math.max(0, ...r.routes.map((a) => a.alert.length));
    for (const a of r.routes) {
      const to = a.landings.map((l) => `${l.receiver}${l.certain ? '' : ' (if its labels match)'}`).join(', ');
      const where = a.site ? `  ${a.site.file}:${a.site.line}` : '';
      io.stdout(`${a.alert.padEnd(width)}  → ${to}${where}\n`);
    }
  }
  const unrouted = r.routes.filter((a) => a.landings.every((l) => l.route === 'root'));
  io.stdout(
    `obs routes: ${r.routes.length} alert(s), ${unrouted.length} reach only the root receiver ${JSON.stringify(r.defaultReceiver)}\n`,
  );
  return unrouted.length ? 1 : 0;
}
