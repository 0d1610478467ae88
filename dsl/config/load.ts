/** Finds, loads and validates `obs.config.ts`, filling the defaults. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_VERSION, parseTarget } from '../promql/target.ts';
import { compilePattern } from '../promql/regex.ts';
import type { ObsConfig, ResolvedConfig, RuleOutput } from './types.ts';
import { importAuthored } from '../core/import-authored.ts';
import { posixRelative } from '../core/files.ts';
import { compileErrorOf } from '../core/compile-error.ts';

export class ConfigError extends Error {}

const CONFIG_FILES = ['obs.config.ts', 'obs.config.mts', 'obs.config.js', 'obs.config.mjs'];
const OUTPUTS: readonly RuleOutput[] = ['prometheus', 'prometheus-operator', 'mimir'];
const SEVERITIES = ['info', 'warning', 'error'];

export async function loadConfig(root: string, overrides: { version?: string } = {}): Promise<ResolvedConfig> {
  const file = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  let config: ObsConfig = {};
  if (file) {
    try {
      const mod = (await importAuthored(pathToFileURL(join(root, file)).href)) as { default?: ObsConfig };
      config = mod.default ?? {};
    } catch (e) {
      const compile = compileErrorOf(e);
      if (compile) throw new ConfigError(`${posixRelative(root, compile.file)}:${compile.line}:${compile.column}: does not compile: ${compile.text}`);
      throw new ConfigError(`${file}: cannot load: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return resolveConfig(root, config, file, overrides);
}

export function resolveConfig(root: string, config: ObsConfig, file?: string, overrides: { version?: string } = {}): ResolvedConfig {
  const where = file ?? 'config';
  const version = overrides.version ?? config.prometheus?.version ?? DEFAULT_VERSION;
  const features = config.prometheus?.features ?? [];
  const target = parseTarget(version, features);
  if (!target.ok) throw new ConfigError(`${where}: prometheus: ${target.error}`);
  const outputs = config.rules?.outputs ?? ['prometheus'];
  for (const o of outputs) {
    if (!OUTPUTS.includes(o)) throw new ConfigError(`${where}: rules.outputs: unknown output ${JSON.stringify(o)} (known: ${OUTPUTS.join(', ')})`);
  }
  const failOn = config.lint?.failOn ?? 'error';
  if (!SEVERITIES.includes(failOn)) throw new ConfigError(`${where}: lint.failOn must be one of ${SEVERITIES.join(', ')}`);
  const unknownMetric = config.registry?.unknownMetric ?? 'suggest';
  if (unknownMetric !== 'suggest' && unknownMetric !== 'error') throw new ConfigError(`${where}: registry.unknownMetric must be 'suggest' or 'error'`);
  const dashboardFormat = config.dashboards?.format ?? 'classic';
  if (dashboardFormat !== 'classic' && dashboardFormat !== 'v2') throw new ConfigError(`${where}: dashboards.format must be 'classic' or 'v2'`);
  const provisioningPath = config.dashboards?.provisioningPath ?? '/var/lib/grafana/dashboards';
  if (!provisioningPath.startsWith('/')) throw new ConfigError(`${where}: dashboards.provisioningPath must be an absolute path, got ${JSON.stringify(provisioningPath)}`);
  const outDir = config.outDir ?? 'out';
  if (outDir.startsWith('/') || outDir.split(/[\\/]/).includes('..') || outDir === '' || outDir === '.') {
    throw new ConfigError(`${where}: outDir must be a folder inside the project, got ${JSON.stringify(outDir)}`);
  }
  if (config.policy?.alertNamePattern !== undefined) {
    const compiled = compilePattern(config.policy.alertNamePattern);
    if (!compiled.ok) throw new ConfigError(`${where}: policy.alertNamePattern is not a valid RE2 regular expression (the syntax Prometheus uses): ${compiled.error}`);
  }
  return {
    root,
    prometheus: { version, features },
    outDir,
    paths: {
      alerts: config.paths?.alerts ?? 'alerts',
      recording: config.paths?.recording ?? 'recording',
      dashboards: config.paths?.dashboards ?? 'dashboards',
      slos: config.paths?.slos ?? 'slos',
      registry: config.paths?.registry ?? 'registry',
    },
    rules: {
      outputs,
      operator: { ...(config.rules?.operator?.namespace ? { namespace: config.rules.operator.namespace } : {}), labels: config.rules?.operator?.labels ?? {} },
      mimir: { ...(config.rules?.mimir?.namespace ? { namespace: config.rules.mimir.namespace } : {}) },
    },
    policy: {
      requiredAlertLabels: config.policy?.requiredAlertLabels ?? {},
      requiredAnnotations: config.policy?.requiredAnnotations ?? [],
      ...(config.policy?.alertNamePattern !== undefined ? { alertNamePattern: config.policy.alertNamePattern } : {}),
    },
    dashboards: { format: dashboardFormat, provisioningPath },
    lint: { failOn, checks: config.lint?.checks ?? {} },
    registry: { unknownMetric },
    ...(file ? { file } : {}),
  };
}
