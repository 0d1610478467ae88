/**
 * `obs init`: lays out an obs project in an existing repository (config, folders, tsconfig,
 * package.json scripts and dependency, .gitignore entries, a CI workflow). A file that exists is
 * never overwritten: package.json and .gitignore only gain what they lack, everything else is
 * created or reported as skipped.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { LATEST_VERSION } from '../promql/target.ts';

export interface InitOptions {
  /** The npm dependency spec of obs-as-code to add (a version, tarball path or git URL). */
  readonly dependency?: string;
  /** The Prometheus version the rules are for (default: the latest obs models). */
  readonly prometheusVersion?: string;
}

export type InitStep =
  | { readonly path: string; readonly action: 'created' }
  | {
      readonly path: string;
      readonly action: 'updated';
      readonly added: readonly string[];
      readonly kept: readonly string[];
    }
  | { readonly path: string; readonly action: 'skipped'; readonly reason: string };

export interface InitResult {
  readonly steps: readonly InitStep[];
  /** The dependency spec package.json names (added or found). */
  readonly dependency: string;
}

export const PROJECT_FOLDERS = ['alerts', 'recording', 'dashboards', 'slos', 'registry'] as const;

interface Manifest {
  name?: string;
  version?: string;
  repository?: string | { url?: string };
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

function ownManifest(): Manifest {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/**
 * What package.json names obs by when the user gives nothing; always a spec `npm install` can
 * install (obs is not on the public registry, so a version range is not one):
 * - a checkout of obs links to itself (`file:`, for trying it out);
 * - an installed obs names what it was installed from: the spec of the project (or npx cache) whose
 *   node_modules holds it, a `file:` tarball or folder resolved to a path from `root`, else the
 *   `resolved` of that project's package-lock.json; a registry range only when a registry served it;
 * - else the repository of its package.json at its version tag, else the installed folder itself.
 */
function defaultDependency(root: string): string {
  const own = ownManifest();
  if (existsSync(join(PACKAGE_ROOT, 'dsl'))) return `file:${PACKAGE_ROOT}`;
  const from = installedFrom(root);
  if (from) return from;
  const repo = typeof own.repository === 'string' ? own.repository : own.repository?.url;
  if (repo && own.version) return `${repo.startsWith('git') ? repo : `git+${repo}`}#v${own.version}`;
  return `file:${PACKAGE_ROOT}`;
}

/** A `file:` spec of `abs` as seen from `root`: relative inside it, else absolute. */
function fileSpec(root: string, abs: string): string {
  const rel = relative(root, abs);
  return `file:${rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs}`;
}

function installedFrom(root: string): string | undefined {
  if (basename(dirname(PACKAGE_ROOT)) !== 'node_modules') return undefined;
  const project = dirname(dirname(PACKAGE_ROOT));
  const read = (file: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(readFileSync(join(project, file), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const manifest = read('package.json') as
    { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined;
  const spec = manifest?.devDependencies?.['obs-as-code'] ?? manifest?.dependencies?.['obs-as-code'];
  const lock = read('package-lock.json') as { packages?: Record<string, { resolved?: string }> } | undefined;
  const resolved = lock?.packages?.['node_modules/obs-as-code']?.resolved;
  for (const s of [spec, resolved]) {
    if (s === undefined) continue;
    if (s.startsWith('file:')) {
      const target = resolve(project, s.slice('file:'.length));
      if (existsSync(target)) return fileSpec(root, target);
      continue;
    }
    // git, tarball URLs and registry ranges install as they are (a registry served a range).
    if (/^(git\+|git:|github:|https?:)/.test(s) || (s === resolved && /^https?:/.test(s))) return s;
    if (s === spec && resolved !== undefined && /^https?:/.test(resolved)) return s;
  }
  return undefined;
}

function configText(version: string): string {
  return `import { defineConfig } from 'obs-as-code';

export default defineConfig({
  // The Prometheus the rules run on: checks and promtool use this version's PromQL.
  prometheus: { version: '${version}' },
  // 'prometheus' writes rule files; 'prometheus-operator' PrometheusRule manifests; 'mimir' ruler namespaces.
  rules: { outputs: ['prometheus'] },
  policy: {
    requiredAlertLabels: { severity: [] },
    requiredAnnotations: ['summary'],
  },
});
`;
}

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "skipLibCheck": true,
    "allowImportingTsExtensions": true,
    "noEmit": true,
    "lib": ["ES2022"],
    "types": ["node"]
  },
  "include": [${[...PROJECT_FOLDERS.map((f) => `"${f}"`), '"obs.config.ts"'].join(', ')}]
}
`;

const GITHUB_WORKFLOW = `# obs: checks the monitoring definitions and that out/ is what they build.
name: obs
on: [push, pull_request]
jobs:
  obs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: promtool (obs test and the rule checks run the real one)
        run: sudo apt-get update -qq && sudo apt-get install -y -qq prometheus
      - run: npm ci
      - run: npx tsc --noEmit
      - run: npx obs build --check
      - run: npx obs test
`;

const GITLAB_SNIPPET = `# obs: include this file from .gitlab-ci.yml (include: { local: ci/obs.gitlab-ci.yml }).
obs:
  image: node:20
  before_script:
    - apt-get update -qq && apt-get install -y -qq prometheus
    - npm ci
  script:
    - npx tsc --noEmit
    - npx obs build --check
    - npx obs test
`;

const GITIGNORE = ['node_modules/', '.obs-tmp-*/'];

/** Creates `path` with `text` unless it exists (exclusive create: never overwrites). */
function create(root: string, path: string, text: string): InitStep {
  const abs = join(root, path);
  if (existsSync(abs)) return { path, action: 'skipped', reason: 'exists' };
  mkdirSync(dirname(abs), { recursive: true });
  try {
    writeFileSync(abs, text, { flag: 'wx' });
  } catch (e) {
    return { path, action: 'skipped', reason: e instanceof Error ? e.message : String(e) };
  }
  return { path, action: 'created' };
}

function indentOf(text: string): string | number {
  return /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? 2;
}

/** Adds the scripts, `type` and dependencies package.json lacks; keeps every value it has. */
function packageJson(root: string, dependency: string | undefined): { step: InitStep; dependency: string } {
  const path = 'package.json';
  const abs = join(root, path);
  const own = ownManifest();
  const wanted: Record<string, Record<string, string>> = {
    scripts: {
      'build:obs': 'obs build',
      'check:obs': 'obs build --check',
      'lint:obs': 'obs lint',
      'test:obs': 'obs test',
    },
    devDependencies: {
      'obs-as-code': dependency ?? defaultDependency(root),
      typescript: own.dependencies?.typescript ?? own.devDependencies?.typescript ?? '^5',
      '@types/node': own.devDependencies?.['@types/node'] ?? '^20',
    },
  };
  if (!existsSync(abs)) {
    const name =
      basename(root)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+/, '') || 'monitoring';
    const text = `${JSON.stringify({ name, private: true, type: 'module', ...wanted }, null, 2)}\n`;
    const step = create(root, path, text);
    return { step, dependency: wanted.devDependencies!['obs-as-code']! };
  }
  const text = readFileSync(abs, 'utf8');
  let manifest: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    manifest = parsed as Record<string, unknown>;
  } catch (e) {
    return {
      step: {
        path,
        action: 'skipped',
        reason: `not valid JSON (${e instanceof Error ? e.message : String(e)}); add the scripts and the obs-as-code dependency by hand`,
      },
      dependency: '',
    };
  }
  const added: string[] = [];
  const kept: string[] = [];
  // A dependency listed in either section is the user's choice.
  const deps = {
    ...(manifest.dependencies as Record<string, string> | undefined),
    ...(manifest.devDependencies as Record<string, string> | undefined),
  };
  if (manifest.type === undefined) {
    manifest.type = 'module';
    added.push('type');
  } else if (manifest.type !== 'module')
    kept.push(
      `type (${String(manifest.type)}: obs cannot load definitions in a CommonJS package; set "type": "module")`,
    );
  for (const [section, entries] of Object.entries(wanted)) {
    const have = (manifest[section] ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(entries)) {
      if (Object.hasOwn(have, key) || (section === 'devDependencies' && Object.hasOwn(deps, key)))
        kept.push(`${section}.${key}`);
      else {
        have[key] = value;
        added.push(`${section}.${key}`);
      }
    }
    manifest[section] = have;
  }
  const dep = deps['obs-as-code'] ?? wanted.devDependencies!['obs-as-code']!;
  if (added.length === 0)
    return { step: { path, action: 'skipped', reason: 'has every script and dependency obs needs' }, dependency: dep };
  writeFileSync(abs, `${JSON.stringify(manifest, null, indentOf(text))}\n`);
  return { step: { path, action: 'updated', added, kept }, dependency: dep };
}

/** Appends the ignore entries .gitignore lacks. */
function gitignore(root: string): InitStep {
  const path = '.gitignore';
  const abs = join(root, path);
  if (!existsSync(abs)) return create(root, path, `${GITIGNORE.join('\n')}\n`);
  const text = readFileSync(abs, 'utf8');
  const lines = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE.filter((e) => !lines.has(e) && !lines.has(`/${e}`) && !lines.has(e.replace(/\/$/, '')));
  if (missing.length === 0) return { path, action: 'skipped', reason: 'has the entries obs needs' };
  writeFileSync(abs, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}# obs\n${missing.join('\n')}\n`);
  return { path, action: 'updated', added: missing, kept: GITIGNORE.filter((e) => !missing.includes(e)) };
}

/** A folder gets a .gitkeep (so git keeps it) unless it already has files. */
function folder(root: string, name: string): InitStep {
  const abs = join(root, name);
  if (existsSync(abs) && !statSync(abs).isDirectory())
    return {
      path: `${name}/`,
      action: 'skipped',
      reason: `a file named ${name} is in the way: obs reads definitions from a folder ${name}/`,
    };
  if (existsSync(abs) && readdirSync(abs).length > 0) return { path: `${name}/`, action: 'skipped', reason: 'exists' };
  const step = create(root, join(name, '.gitkeep'), '');
  return step.action === 'created' ? { path: `${name}/`, action: 'created' } : step;
}

export function initProject(root: string, opts: InitOptions = {}): InitResult {
  const steps: InitStep[] = [];
  steps.push(create(root, 'obs.config.ts', configText(opts.prometheusVersion ?? LATEST_VERSION)));
  for (const f of PROJECT_FOLDERS) steps.push(folder(root, f));
  steps.push(create(root, 'tsconfig.json', TSCONFIG));
  const pkg = packageJson(root, opts.dependency);
  steps.push(pkg.step);
  steps.push(gitignore(root));
  steps.push(
    existsSync(join(root, '.gitlab-ci.yml'))
      ? create(root, 'ci/obs.gitlab-ci.yml', GITLAB_SNIPPET)
      : create(root, '.github/workflows/obs.yml', GITHUB_WORKFLOW),
  );
  return { steps, dependency: pkg.dependency };
}
