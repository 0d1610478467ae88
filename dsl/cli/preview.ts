/** `obs preview`: every dashboard as a static HTML page, before/after for a change, alerts in review. */
import { parseArgs } from 'node:util';
import { PreviewError, previewOut } from '../pipeline/preview-out.ts';
import { ConfigError } from '../config/load.ts';
import { GitError } from '../diff/index.ts';
import { parseDuration, PrometheusError } from '../preview/index.ts';
import { UsageError, type CliIO } from './io.ts';

export const PREVIEW_USAGE = `usage: obs preview [--out DIR] [--prometheus URL] [--base GIT_REF]

Renders every dashboard of out/ as a static, self-contained HTML page (no network when viewed):
DIR/index.html and DIR/dashboards/<uid>.html. Run obs build first so out/ is current.
  --out DIR            the folder to write, replaced as a whole (default: preview)
  --prometheus URL     query this Prometheus at generation time: panels show real data for the
                       dashboard's time range (without it: labelled placeholders, no data)
  --base GIT_REF       dashboards changed against out/ at GIT_REF get before/after pages with the
                       changes outlined; alerts added or altered are listed with, given --prometheus,
                       when they would have fired over the last --alert-window, before and after
  --alert-window DUR   history to evaluate alerts over (default 7d)
  --alert-step DUR     evaluation step for alerts (default: window / 10000, at least 1s)
Exit code: 0 written, 2 usage, config, git or Prometheus error.`;

function duration(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = parseDuration(v);
  if (s === undefined || s <= 0)
    throw new UsageError(`${flag} ${JSON.stringify(v)} is not a duration (e.g. 7d, 12h, 30s)`);
  return s;
}

export async function previewCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      prometheus: { type: 'string' },
      base: { type: 'string' },
      'alert-window': { type: 'string' },
      'alert-step': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${PREVIEW_USAGE}\n`);
    return 0;
  }
  const alertWindowSeconds = duration('--alert-window', values['alert-window']);
  const alertStepSeconds = duration('--alert-step', values['alert-step']);
  try {
    const r = await previewOut({
      root: io.cwd,
      ...(values.out !== undefined ? { outDir: values.out } : {}),
      ...(values.prometheus !== undefined ? { prometheus: values.prometheus } : {}),
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(alertWindowSeconds !== undefined ? { alertWindowSeconds } : {}),
      ...(alertStepSeconds !== undefined ? { alertStepSeconds } : {}),
    });
    for (const s of r.skipped) io.stderr(`obs preview: skipped ${s}: not dashboard JSON with panels\n`);
    const alerts = r.alerts ? `, ${r.alerts.length} alert(s) in review` : '';
    const changed = values.base !== undefined ? `, ${r.changed.length} changed against ${values.base}` : '';
    io.stdout(
      `obs preview: wrote ${r.dir}/index.html and ${r.files.size - 1} dashboard page(s)${changed}${alerts}${values.prometheus ? '' : ' (no --prometheus: placeholders, no data)'}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof GitError || e instanceof PreviewError || e instanceof PrometheusError)
      throw new UsageError(e.message);
    throw e;
  }
}
