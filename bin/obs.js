#!/usr/bin/env node
// The `obs` command.
import { setFlagsFromString } from 'node:v8';
import { loadLibrary } from './library.js';

// Memory: after each full collection V8 lets the heap grow to about four times what was live
// before it collects again. A big run (150,000 rule groups, 261,000 problems) never reached that
// limit, so its garbage stayed: over a third of the peak. Growing by at most half of what is live
// bounds it: 150k groups of one name 932 -> 595 MB peak RSS, for about 10-15% more CPU on such
// runs (scripts/bench-memory.ts; docs/guarantees.md). Small runs collect little either way.
setFlagsFromString('--heap-growing-percent=50');

// obs owns this process: a definition module must not end it. While loading, the library turns
// process.exit into a located error (dsl/core/load-guard.ts); a call from something a module left
// behind that runs later would end the command with that module's exit code, success included, so
// it is refused here and fails the command instead.
const exit = process.exit.bind(process);
process.exit = (code) => {
  const where = (new Error().stack ?? '')
    .split('\n')
    .slice(2, 4)
    .map((l) => l.trim())
    .join(' ← ');
  process.stderr.write(
    `obs: process.exit(${code ?? ''}) was called by code obs did not write (${where}); the command's result is unknown\n`,
  );
  exit(70);
};

// Watch mode runs in a child that this process starts again when the child asks (exit code 75):
// Node keeps every module it evaluated, so a long watch that replaced many modules is restarted
// to release them (see dsl/cli/watch.ts); this process loads no definitions and stays small.
// A child that ran author code into a loop that never ends cannot leave it: it reports the loop,
// tells this process on fd 3 what to watch, and exits 76; this process waits for a save, then
// starts it again (it reports the loop fixed, or found again).
if (process.argv.includes('--watch') && !process.env.OBS_WATCH_CHILD) {
  const { spawn } = await import('node:child_process');
  let stopping = false;
  let child;
  let waiting;
  const forward = (signal) => {
    stopping = true;
    child?.kill(signal);
    waiting?.();
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  let carried = {};
  for (;;) {
    child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
      env: { ...process.env, ...carried, OBS_WATCH_CHILD: '1', OBS_WATCH_FD: '3' },
    });
    let told = '';
    child.stdio[3].setEncoding('utf8').on('data', (d) => (told += d));
    const [code, signal] = await new Promise((resolve) => child.once('close', (c, s) => resolve([c, s])));
    // Stopped by us: a child still starting ends by the signal itself (out/ is written crash-safely).
    if (stopping) exit(code === 0 || code === 75 || code === 76 || signal ? 0 : (code ?? 70));
    carried = {};
    if (code === 76) {
      const stuck = JSON.parse(told || '{}');
      const changed = await nextSave(stuck.ignore ?? []);
      if (stopping) exit(0);
      carried = { OBS_WATCH_STUCK: JSON.stringify(stuck.diagnostic ?? null), OBS_WATCH_CHANGED: changed };
    } else if (code !== 75) exit(code ?? 70);
  }

  /** The first file saved in the project (what watch mode watches), once the burst is over; '' on Ctrl-C. */
  async function nextSave(ignore) {
    const root = process.cwd();
    const stop = new AbortController();
    waiting = () => stop.abort();
    try {
      return await (
        await loadLibrary()
      ).main.nextSave({
        root,
        ignore,
        signal: stop.signal,
        onReady: () => process.stdout.write(`watching ${root} for changes (Ctrl-C to stop)\n`),
      });
    } finally {
      waiting = undefined;
    }
  }
}

const { main } = (await loadLibrary()).main;
let code;
try {
  code = await main(process.argv.slice(2));
} catch (e) {
  // Only a bug in obs itself gets here: authors' mistakes are reported as diagnostics.
  console.error('obs: internal error (please report it with the command you ran):');
  console.error(e);
  code = 70;
}
// Explicitly: a timer or socket a definition module left open must not keep the command running
// after its result is out (the library reports and clears those it can locate). Writes to a pipe
// are not synchronous (`obs lint --format json | jq` lost everything past the pipe's 64 KiB), so
// the exit waits until what was written to stdout and stderr has been handed to the system.
// A reader that went away (`| head`) is an EPIPE here: nothing more to hand over, so it ends the wait.
const flushed = (stream) =>
  new Promise((done) => {
    if (stream.writableLength === 0) return done();
    stream.on('error', () => done());
    stream.write('', () => done());
  });
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
exit(code);
