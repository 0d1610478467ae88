/**
 * Peak memory of obs on the large inputs of docs/guarantees.md, by hand:
 *
 *   npx tsx scripts/bench-memory.ts [--scale 0.2] [--only lint|build] [--obs path/to/bin/obs.js]
 *
 * Generates, in a temporary folder:
 * - 150,000 rule groups of one name (300,000 problems before the repeat cap);
 * - 87,000 alerts without severity, summary or runbook (261,000 different problems, 98 MB of JSON);
 * - a TS project whose one module generates 150,000 groups of one name (`obs build`);
 * then runs `obs lint FILE --format F` for text, json, github and sarif, and `obs build`, each in
 * its own process, and prints peak RSS (what the kernel counted), user+sys CPU, exit code and
 * output size. `--obs` measures another checkout (the code before a change) the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, only: { type: 'string' }, obs: { type: 'string' } },
});
const scale = Number(values.scale);
if (!(scale > 0)) throw new Error('--scale must be a positive number');
const repo = resolve(import.meta.dirname, '..');
const obs = resolve(values.obs ?? join(repo, 'bin', 'obs.js'));
const n = (count: number): number => Math.max(1, Math.round(count * scale));

/** Reports the child's own peak RSS and CPU as it exits (the parent's `time` would count the launcher too). */
const PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`\\nobs-bench-memory ${u.maxRSS} ${u.userCPUTime} ${u.systemCPUTime}\\n`)})';

interface Measured {
  readonly what: string;
  readonly peakMB: number;
  readonly cpuS: number;
  readonly code: number | null;
  readonly outMB: number;
}

function measure(what: string, cwd: string, args: readonly string[]): Measured {
  const r = spawnSync(process.execPath, ['--import', PROBE, obs, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const m = /obs-bench-memory (\d+) (\d+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`${what}: no measurement (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  return {
    what,
    peakMB: Number(m[1]) / 1024,
    cpuS: (Number(m[2]) + Number(m[3])) / 1e6,
    code: r.status,
    outMB: Buffer.byteLength(r.stdout ?? '') / 1e6,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'obs-bench-memory-'));
try {
  writeFileSync(
    join(dir, 'obs.config.mjs'),
    `export default {\n  prometheus: { version: '2.42' },\n  policy: {\n    requiredAlertLabels: { severity: ['page', 'ticket', 'info'] },\n    requiredAnnotations: ['summary', 'runbook_url'],\n  },\n};\n`,
  );
  const groups = n(150_000);
  const alerts = n(87_000);
  writeFileSync(
    join(dir, 'same-groups.yml'),
    `groups:\n${'- name: g\n  rules:\n  - record: r:x\n    expr: up\n'.repeat(groups)}`,
  );
  writeFileSync(
    join(dir, 'alerts.yml'),
    `groups:\n- name: g\n  rules:\n${Array.from({ length: alerts }, (_, i) => `  - alert: A${i}\n    expr: up == 0\n`).join('')}`,
  );
  // The same groups through the build: one definitions module that makes them in a loop.
  const project = join(dir, 'project');
  mkdirSync(join(project, 'recording'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(repo, 'dsl'), join(project, 'dsl'));
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'obs.config.ts'), "export default { prometheus: { version: '2.42' } };\n");
  writeFileSync(
    join(project, 'recording', 'many.ts'),
    `import { record, ruleGroup } from '../dsl/index.ts';\n\nexport const groups = Array.from({ length: ${groups} }, () =>\n  ruleGroup({ name: 'g', rules: [record({ name: 'r:x', expr: 'up' })] }),\n);\n`,
  );

  const results: Measured[] = [];
  const load = loadavg()[0]?.toFixed(1);
  if (values.only !== 'build')
    for (const [file, label] of [
      ['same-groups.yml', `${groups.toLocaleString('en')} groups of one name`],
      ['alerts.yml', `${alerts.toLocaleString('en')} alerts (${(alerts * 3).toLocaleString('en')} problems)`],
    ] as const)
      for (const format of ['text', 'json', 'github', 'sarif'])
        results.push(measure(`obs lint ${label}, --format ${format}`, dir, ['lint', file, '--format', format]));
  if (values.only !== 'lint')
    results.push(measure(`obs build, a module making ${groups.toLocaleString('en')} groups`, project, ['build']));

  console.log(`obs: ${obs}; load average at start ${load}`);
  console.log('| Run | Peak RSS | CPU (user+sys) | Exit | Output |');
  console.log('|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.what} | ${Math.round(r.peakMB)} MB | ${r.cpuS.toFixed(1)} s | ${r.code} | ${r.outMB.toFixed(1)} MB |`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
