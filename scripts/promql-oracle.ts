// Ad-hoc comparison of our checker with promtool on expressions given one per line on stdin.
// Usage: tsx scripts/promql-oracle.ts [--target 2.42] < exprs.txt
import { readFileSync } from 'node:fs';
import { checkExpression } from '../dsl/promql/index.ts';
import { promtoolCheckExpressions } from '../test/helpers/promtool.ts';

const args = process.argv.slice(2);
const ti = args.indexOf('--target');
const target = ti >= 0 ? args[ti + 1] : '2.42';
const exprs = readFileSync(0, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const theirs = promtoolCheckExpressions(exprs);
let disagree = 0;
exprs.forEach((e, i) => {
  const ours = checkExpression(e, { target });
  const p = theirs[i];
  if (!p) return;
  const ourMsg = ours.errors[0] ? `${ours.errors[0].line}:${ours.errors[0].column}: ${ours.errors[0].message}` : '';
  const theirMsg = p.message ? `${p.line}:${p.column}: ${p.message}` : '';
  const same = ours.valid === p.valid;
  if (!same) disagree++;
  const mark = !same ? 'VERDICT' : ourMsg !== theirMsg ? 'message' : 'ok';
  if (mark !== 'ok' || args.includes('--all'))
    console.log(
      `${mark}\t${JSON.stringify(e)}\n\tours:     ${ours.valid ? 'valid' : ourMsg}\n\tpromtool: ${p.valid ? 'valid' : theirMsg}`,
    );
});
console.log(`${exprs.length} expressions, ${disagree} verdict disagreements`);
