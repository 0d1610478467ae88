/** `obs promql`: check expressions from stdin, one per line. */
import { parseArgs } from 'node:util';
import { checkExpression, resolveTarget } from '../promql/index.ts';
import { formatPromQLText, promqlJson, type PromQLReportItem } from '../report/promql.ts';
import { UsageError, type CliIO } from './io.ts';

export const PROMQL_USAGE = `usage: obs promql [--target VERSION] [--feature FLAG]... [--grafana] [--json] < expressions

Checks PromQL expressions read from stdin, one per line, as the target Prometheus would.
  --target VERSION   Prometheus version to check against (default: latest, e.g. 2.42 or 3.5)
  --feature FLAG     an --enable-feature flag of the target (e.g. promql-experimental-functions)
  --grafana          substitute Grafana variables ($var, \${var:fmt}, [[var]], $__rate_interval) first
  --json             one JSON object per input line instead of the text report
Exit code: 0 all valid, 1 some invalid, 2 usage error.`;

export async function promqlCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      feature: { type: 'string', multiple: true },
      grafana: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(`${PROMQL_USAGE}\n`);
    return 0;
  }
  let target;
  try {
    target = resolveTarget(values.target, values.feature ?? []);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const input = await io.readStdin();
  const items: PromQLReportItem[] = [];
  let allValid = true;
  for (const raw of input.split('\n')) {
    const expr = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (expr.trim() === '') continue;
    const result = checkExpression(expr, { target, grafana: values.grafana === true });
    if (!result.valid) allValid = false;
    if (values.json) io.stdout(`${JSON.stringify(promqlJson({ expr, result }))}\n`);
    else items.push({ expr, result });
  }
  if (!values.json) io.stdout(formatPromQLText(items, io.color));
  return allValid ? 0 : 1;
}
