// `npm run build:obs`: the same as `obs build` (pass --check to verify out/ instead of writing it).
import { main } from '../dsl/cli/main.ts';

try {
  process.exitCode = await main(['build', ...process.argv.slice(2)]);
} catch (e) {
  // Only a bug in obs itself gets here: authors' mistakes are reported as diagnostics.
  console.error('obs: internal error (please report it with the command you ran):');
  console.error(e);
  process.exitCode = 70;
}
