#!/usr/bin/env node
// The `obs` command. The library is TypeScript run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../dsl/cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Only a bug in obs itself gets here: authors' mistakes are reported as diagnostics.
  console.error('obs: internal error (please report it with the command you ran):');
  console.error(e);
  process.exitCode = 70;
}
