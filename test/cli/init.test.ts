/** `obs init` lays out a project and never overwrites what exists. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';
import { runObsBinary } from '../helpers/fixture-project.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'obs-init-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('obs init', () => {
  it('lays out an empty repository', async () => {
    const root = tmp();
    const r = await runObs(['init', '--dependency', 'file:../obs-as-code-0.1.0.tgz', '--prometheus', '2.53'], { cwd: root });
    expect(r.code).toBe(0);
    for (const f of ['obs.config.ts', 'tsconfig.json', 'package.json', '.gitignore', '.github/workflows/obs.yml', 'alerts/.gitkeep', 'registry/.gitkeep']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    expect(readFileSync(join(root, 'obs.config.ts'), 'utf8')).toContain("import { defineConfig } from 'obs-as-code';");
    expect(readFileSync(join(root, 'obs.config.ts'), 'utf8')).toContain("version: '2.53'");
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.devDependencies!['obs-as-code']).toBe('file:../obs-as-code-0.1.0.tgz');
    expect(pkg.scripts!['build:obs']).toBe('obs build');
    expect(pkg.type).toBe('module');
    expect(r.stdout).toMatch(/created {2}obs\.config\.ts/);
  });

  it('leaves existing files alone and reports each one', async () => {
    const root = tmp();
    writeFileSync(join(root, 'tsconfig.json'), '{ "mine": true }\n');
    writeFileSync(join(root, 'obs.config.ts'), '// mine\n');
    mkdirSync(join(root, 'alerts'));
    writeFileSync(join(root, 'alerts', 'x.ts'), '// mine\n');
    writeFileSync(join(root, '.gitignore'), 'dist\nnode_modules\n');
    writeFileSync(join(root, '.gitlab-ci.yml'), 'stages: [test]\n');
    writeFileSync(join(root, 'package.json'), '{\n    "name": "deploy",\n    "type": "module",\n    "scripts": { "build:obs": "custom" },\n    "dependencies": { "obs-as-code": "git+ssh://git@example.com/obs.git" }\n}\n');
    const r = await runObs(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'tsconfig.json'), 'utf8')).toBe('{ "mine": true }\n');
    expect(readFileSync(join(root, 'obs.config.ts'), 'utf8')).toBe('// mine\n');
    expect(r.stdout).toContain('skipped  tsconfig.json (exists)');
    expect(r.stdout).toContain('skipped  obs.config.ts (exists)');
    expect(r.stdout).toContain('skipped  alerts/ (exists)');
    expect(existsSync(join(root, 'alerts', '.gitkeep'))).toBe(false);
    // .gitignore gains only what it lacks (node_modules is there without the slash).
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('dist\nnode_modules\n# obs\n.obs-tmp-*/\n');
    // A GitLab repository gets a snippet to include, not a GitHub workflow.
    expect(existsSync(join(root, 'ci/obs.gitlab-ci.yml'))).toBe(true);
    expect(existsSync(join(root, '.github'))).toBe(false);
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const pkg = JSON.parse(text) as Record<string, Record<string, string>>;
    expect(pkg.scripts!['build:obs']).toBe('custom');
    expect(pkg.scripts!['test:obs']).toBe('obs test');
    expect(pkg.dependencies!['obs-as-code']).toBe('git+ssh://git@example.com/obs.git');
    expect(pkg.devDependencies?.['obs-as-code']).toBeUndefined();
    expect(text).toMatch(/^\{\n {4}"name"/);
    expect(r.stdout).toMatch(/updated {2}package\.json: added scripts\.check:obs, .*; kept scripts\.build:obs, devDependencies\.obs-as-code/);
    // A second run changes nothing.
    const again = await runObs(['init'], { cwd: root });
    expect(again.stdout).not.toMatch(/created|updated/);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(text);
  });

  it('says a CommonJS package cannot load definitions, at init and at build', async () => {
    const root = tmp();
    writeFileSync(join(root, 'package.json'), '{ "name": "deploy", "type": "commonjs" }\n');
    const r = await runObs(['init', '--dependency', 'file:../obs-as-code-0.1.0.tgz'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept type (commonjs: obs cannot load definitions in a CommonJS package; set "type": "module")');
    // The real binary (vitest loads modules its own way). A config that imports nothing: Node's own refusal (a "require cycle") is replaced by what to change.
    writeFileSync(join(root, 'obs.config.ts'), 'export default {};\n');
    const build = await runObsBinary(root, ['build']);
    expect(build.code).toBe(2);
    expect(build.stderr).toContain('obs.config.ts: cannot load: obs loads obs.config.ts and the definitions as ES modules, and the package.json over them says "type": "commonjs": set "type": "module" there');
    expect(build.stderr).not.toContain('cycle');
  });

  it('reports a file where a definitions folder goes instead of failing', async () => {
    const root = tmp();
    writeFileSync(join(root, 'alerts'), 'mine\n');
    const r = await runObs(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped  alerts/ (a file named alerts is in the way: obs reads definitions from a folder alerts/)');
    expect(readFileSync(join(root, 'alerts'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(root, 'recording', '.gitkeep'))).toBe(true);
  });

  it('refuses a package.json it cannot parse without touching it', async () => {
    const root = tmp();
    writeFileSync(join(root, 'package.json'), '{ broken');
    const r = await runObs(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped {2}package\.json \(not valid JSON/);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe('{ broken');
  });

  it('rejects a bad Prometheus version and arguments', async () => {
    expect((await runObs(['init', '--prometheus', 'banana'], { cwd: tmp() })).code).toBe(2);
    expect((await runObs(['init', 'somewhere'], { cwd: tmp() })).code).toBe(2);
  });
});
