/** Finds, loads and validates `obs.config.ts`, filling the defaults. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_VERSION, parseTarget } from '../promql/target.ts';
import { KUBERNETES_TARGET_LABELS, type ObsConfig, type ResolvedConfig, type RuleOutput } from './types.ts';
import { importAll } from '../core/import-authored.ts';
import { parseDuration } from '../core/duration.ts';
import { DEFAULT_LOAD_TIMEOUT_MS } from '../core/load-guard.ts';
import { DEFAULT_ALERTMANAGER, MIN_ALERTMANAGER, parseVersion, versionAtLeast } from '../alertmanager/index.ts';
import { compilePattern } from '../promql/regex.ts';
import { posixRelative } from '../core/files.ts';
import { compileErrorOf } from '../core/compile-error.ts';
import { parseFrame } from '../core/call-site.ts';
import { locateConfigKey } from './locate-key.ts';
import { checkOutDir } from './out-dir.ts';

export class ConfigError extends Error {
  /** The config key the error is about (`['outDir']`), so the loader can point at its value. */
  readonly key?: readonly string[];
  constructor(message: string, key?: readonly string[]) {
    super(message);
    if (key) this.key = key;
  }
}

const CONFIG_FILES = ['obs.config.ts', 'obs.config.mts', 'obs.config.js', 'obs.config.mjs'];
const OUTPUTS: readonly RuleOutput[] = ['prometheus', 'prometheus-operator', 'mimir'];
const SEVERITIES = ['info', 'warning', 'error'];

export async function loadConfig(root: string, overrides: { version?: string } = {}): Promise<ResolvedConfig> {
  const file = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  let config: ObsConfig = {};
  if (file) {
    try {
      const {
        loads: [load],
        problems: [problem],
      } = await importAll([pathToFileURL(join(root, file)).href], { config: true, timeoutMs: defaultLoadTimeout().ms });
      if (problem)
        throw new ConfigError(
          `${problem.location ? `${problem.location.file}:${problem.location.line}:${problem.location.column}` : file}: ${problem.message}`,
        );
      if (!load || 'error' in load) throw load?.error;
      config = (load.exports as { default?: ObsConfig }).default ?? {};
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const compile = compileErrorOf(e);
      if (compile)
        throw new ConfigError(
          `${posixRelative(root, compile.file)}:${compile.line}:${compile.column}: does not compile: ${compile.text}`,
        );
      // Where in the config it failed, when the stack says (a throw, a process.exit).
      const frame =
        e instanceof Error
          ? (e.stack ?? '')
              .split('\n')
              .map(parseFrame)
              .find((f) => f?.file === join(root, file))
          : undefined;
      throw new ConfigError(
        `${file}${frame ? `:${frame.line}:${frame.column}` : ''}: cannot load: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  try {
    return resolveConfig(root, config, file, overrides);
  } catch (e) {
    // `obs.config.ts: outDir ...` → `obs.config.ts:6:11: outDir ...`, where the value is written.
    const at = file && e instanceof ConfigError && e.key ? await locateConfigKey(root, file, e.key) : undefined;
    if (at && file && e instanceof ConfigError && e.message.startsWith(`${file}: `)) {
      throw new ConfigError(`${file}:${at.line}:${at.column}: ${e.message.slice(file.length + 2)}`, e.key);
    }
    throw e;
  }
}

/**
 * `load.timeout` when obs.config.ts does not set it, and the timeout of loading obs.config.ts
 * itself: OBS_LOAD_TIMEOUT (a duration such as '2m'), else DEFAULT_LOAD_TIMEOUT_MS.
 */
function defaultLoadTimeout(): { ok: true; ms: number } {
  const env = process.env.OBS_LOAD_TIMEOUT;
  if (env === undefined || env === '') return { ok: true, ms: DEFAULT_LOAD_TIMEOUT_MS };
  const parsed = parseDuration(env);
  if (!parsed.ok || parsed.ms <= 0)
    throw new ConfigError(`OBS_LOAD_TIMEOUT must be a positive duration such as '2m', got ${JSON.stringify(env)}`);
  return { ok: true, ms: parsed.ms };
}

export function resolveConfig(
  root: string,
  config: ObsConfig,
  file?: string,
  overrides: { version?: string } = {},
): ResolvedConfig {
  const where = file ?? 'config';
  const version = overrides.version ?? config.prometheus?.version ?? DEFAULT_VERSION;
  const features = config.prometheus?.features ?? [];
  const target = parseTarget(version, features);
  if (!target.ok) throw new ConfigError(`${where}: prometheus: ${target.error}`);
  const outputs = config.rules?.outputs ?? ['prometheus'];
  for (const o of outputs) {
    if (!OUTPUTS.includes(o))
      throw new ConfigError(
        `${where}: rules.outputs: unknown output ${JSON.stringify(o)} (known: ${OUTPUTS.join(', ')})`,
      );
  }
  const failOn = config.lint?.failOn ?? 'error';
  if (!SEVERITIES.includes(failOn))
    throw new ConfigError(`${where}: lint.failOn must be one of ${SEVERITIES.join(', ')}`);
  const unknownMetric = config.registry?.unknownMetric ?? 'suggest';
  if (unknownMetric !== 'suggest' && unknownMetric !== 'error')
    throw new ConfigError(`${where}: registry.unknownMetric must be 'suggest' or 'error'`);
  const relabelled = config.registry?.relabelledLabels ?? {};
  for (const [job, labels] of Object.entries(relabelled)) {
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string'))
      throw new ConfigError(
        `${where}: registry.relabelledLabels[${JSON.stringify(job)}] must be a list of label names`,
      );
  }
  const relabelledLabels = { '*': KUBERNETES_TARGET_LABELS, ...relabelled };
  const dashboardFormat = config.dashboards?.format ?? 'classic';
  if (dashboardFormat !== 'classic' && dashboardFormat !== 'v2')
    throw new ConfigError(`${where}: dashboards.format must be 'classic' or 'v2'`);
  const provisioningPath = config.dashboards?.provisioningPath ?? '/var/lib/grafana/dashboards';
  if (!provisioningPath.startsWith('/'))
    throw new ConfigError(
      `${where}: dashboards.provisioningPath must be an absolute path, got ${JSON.stringify(provisioningPath)}`,
    );
  const timeout = config.load?.timeout !== undefined ? parseDuration(config.load.timeout) : defaultLoadTimeout();
  if (!timeout.ok || timeout.ms <= 0)
    throw new ConfigError(
      `${where}: load.timeout must be a positive duration such as '2m', got ${JSON.stringify(config.load?.timeout)}`,
    );
  const paths = {
    alerts: config.paths?.alerts ?? 'alerts',
    recording: config.paths?.recording ?? 'recording',
    dashboards: config.paths?.dashboards ?? 'dashboards',
    slos: config.paths?.slos ?? 'slos',
    registry: config.paths?.registry ?? 'registry',
    alertmanager: config.paths?.alertmanager ?? 'alertmanager',
  };
  const checkedOut = checkOutDir(config.outDir ?? 'out', paths);
  if (checkedOut.outDir === undefined)
    throw new ConfigError(`${where}: ${checkedOut.problem ?? 'outDir is refused'}`, ['outDir']);
  const outDir = checkedOut.outDir;
  const amVersion = config.alertmanager?.version ?? DEFAULT_ALERTMANAGER;
  if (!parseVersion(amVersion) || !versionAtLeast(amVersion, MIN_ALERTMANAGER)) {
    throw new ConfigError(
      `${where}: alertmanager.version must be a release such as '0.25' (${MIN_ALERTMANAGER} or newer), got ${JSON.stringify(amVersion)}`,
    );
  }
  if (config.policy?.alertNamePattern !== undefined) {
    const compiled = compilePattern(config.policy.alertNamePattern);
    if (!compiled.ok)
      throw new ConfigError(
        `${where}: policy.alertNamePattern is not a valid RE2 regular expression (the syntax Prometheus uses): ${compiled.error}`,
      );
  }
  return {
    root,
    prometheus: { version, features },
    outDir,
    paths,
    alertmanager: { version: amVersion },
    rules: {
      outputs,
      operator: {
        ...(config.rules?.operator?.namespace ? { namespace: config.rules.operator.namespace } : {}),
        labels: config.rules?.operator?.labels ?? {},
      },
      mimir: { ...(config.rules?.mimir?.namespace ? { namespace: config.rules.mimir.namespace } : {}) },
    },
    policy: {
      requiredAlertLabels: config.policy?.requiredAlertLabels ?? {},
      requiredAnnotations: config.policy?.requiredAnnotations ?? [],
      ...(config.policy?.alertNamePattern !== undefined ? { alertNamePattern: config.policy.alertNamePattern } : {}),
    },
    dashboards: { format: dashboardFormat, provisioningPath },
    lint: { failOn, checks: config.lint?.checks ?? {} },
    registry: { unknownMetric, relabelledLabels },
    load: { timeoutMs: timeout.ms },
    ...(file ? { file } : {}),
  };
}
