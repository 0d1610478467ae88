/**
 * A child process for the kill tests: writes out/ with the real writeOutDir and SIGKILLs itself
 * right before its Nth file-system operation that changes something (mkdir, open, write, rename,
 * rm, unlink, link), so a test can kill a build at every step of the swap, one run per step.
 *
 *   node --import tsx write-out-child.ts <root> <outDir> <files.json> <killAt>   (0: never)
 *
 * On a run that is not killed it prints the number of operations it counted.
 */
import fs, { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [root, outDir, filesJson, killAtText] = process.argv.slice(2);
const killAt = Number(killAtText);
let ops = 0;
/** Counting starts when the write does (loading the modules may write tsx's cache). */
let counting = false;
type Fn = (...args: unknown[]) => unknown;
const table = fs as unknown as Record<string, Fn>;
for (const name of ['mkdirSync', 'openSync', 'writeSync', 'writeFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'linkSync']) {
  const original = table[name] as Fn;
  table[name] = (...args: unknown[]): unknown => {
    if (counting && ++ops === killAt) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
}
// ESM named imports of node:fs (as out-dir.ts has them) see the wrapped functions from here on.
syncBuiltinESMExports();

const files = JSON.parse(readFileSync(filesJson as string, 'utf8')) as { path: string; content: string }[];
const { writeOutDir } = await import('../../dsl/pipeline/out-dir.ts');
counting = true;
await writeOutDir(root as string, outDir as string, files);
process.stdout.write(`${ops}\n`);
