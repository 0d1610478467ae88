#!/usr/bin/env node
// The `obs` command.
import { loadLibrary } from './library.js';

const { main } = (await loadLibrary()).main;
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Only a bug in obs itself gets here: authors' mistakes are reported as diagnostics.
  console.error('obs: internal error (please report it with the command you ran):');
  console.error(e);
  process.exitCode = 70;
}
