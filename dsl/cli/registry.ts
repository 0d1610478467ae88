/** `obs registry import`: writes a registry module from an exporter's /metrics or a Prometheus server. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importRegistry } from '../import/registry/index.ts';
import { UsageError, type CliIO } from './io.ts';

export const REGISTRY_USAGE = `usage: obs registry import --name NAME (--from-metrics FILE|URL ... | --from-prometheus URL [--job JOB]) [options]

Writes registry/<NAME>.ts (a TS registry module, written deterministically) from
  --from-metrics FILE|URL   Prometheus exposition text: a file, or an exporter's /metrics (or a
                            blackbox /probe) URL; repeat to merge several sources
  --from-prometheus URL     a Prometheus server: /api/v1/metadata, /api/v1/series, /api/v1/labels
                            (and the job's scrape interval from /api/v1/status/config)
options:
  --name NAME               registry name, e.g. node-exporter (also the exported constant: nodeExporter)
  --out FILE                where to write (default registry/NAME.ts); '-' prints it
  --job JOB                 with --from-prometheus: only this job's series
  --match SELECTOR          with --from-prometheus: series selector (repeatable) instead of --job
  --scrape-interval DUR     the job's scrape interval, e.g. 15s (range checks compare windows with it)
  --closed LABEL            the values seen of LABEL (or METRIC:LABEL) are the complete set (repeatable)
  --target-label LABEL      labels Prometheus adds to every series (repeatable; default job, instance)
  --incomplete              the sources show part of the exporter's metrics (the collectors enabled
                            on one machine): a near miss of its metrics is then a warning, not an error
  --source TEXT             what to name as the source in the header comment
  --regenerate TEXT         the command to name in the header comment
Exit code: 0 written, 1 import failed, 2 usage error.`;

export async function registryCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(`${REGISTRY_USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'import') throw new UsageError(`unknown subcommand ${JSON.stringify(sub)} (known: import)`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      job: { type: 'string' },
      source: { type: 'string' },
      regenerate: { type: 'string' },
      'from-metrics': { type: 'string', multiple: true },
      'from-prometheus': { type: 'string' },
      match: { type: 'string', multiple: true },
      'scrape-interval': { type: 'string' },
      closed: { type: 'string', multiple: true },
      'target-label': { type: 'string', multiple: true },
      incomplete: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${REGISTRY_USAGE}\n`);
    return 0;
  }
  if (!values.name) throw new UsageError('--name is required');
  if (!values['from-metrics']?.length && !values['from-prometheus'])
    throw new UsageError('give --from-metrics or --from-prometheus');
  const fromFile = (p: string): string => (/^https?:\/\//.test(p) || isAbsolute(p) ? p : join(io.cwd, p));
  let result;
  try {
    result = await importRegistry({
      name: values.name,
      ...(values['from-metrics'] ? { metrics: values['from-metrics'].map(fromFile) } : {}),
      ...(values['from-prometheus'] ? { prometheus: values['from-prometheus'] } : {}),
      ...(values.job ? { job: values.job } : {}),
      ...(values.match ? { match: values.match } : {}),
      ...(values['scrape-interval'] ? { scrapeInterval: values['scrape-interval'] } : {}),
      ...(values.closed ? { closed: values.closed } : {}),
      ...(values['target-label'] ? { targetLabels: values['target-label'] } : {}),
      ...(values.source
        ? { source: values.source }
        : {
            source: [
              ...(values['from-metrics'] ?? []),
              ...(values['from-prometheus'] ? [values['from-prometheus']] : []),
            ].join(', '),
          }),
      ...(values.regenerate ? { regenerate: values.regenerate } : {}),
      ...(values.incomplete ? { complete: false } : {}),
    });
  } catch (e) {
    io.stderr(`obs registry import: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const out = values.out ?? join('registry', `${values.name.replace(/[^a-zA-Z0-9_.-]+/g, '-')}.ts`);
  if (out === '-') io.stdout(result.text);
  else {
    const abs = isAbsolute(out) ? out : join(io.cwd, out);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, result.text);
    io.stdout(`obs registry import: wrote ${out} (${result.metrics} metric(s))\n`);
  }
  return 0;
}
