/** `obs lsp`: the language server for editors, over stdio (docs/editor.md). */
import { parseArgs } from 'node:util';
import { runServer } from '../lsp/server.ts';
import { ConfigError } from '../config/load.ts';
import { serveSnapshots, SnapshotError, stuckForServer } from '../lsp/snapshot.ts';
import { reportStuckWith } from '../core/watchdog.ts';
import type { CliIO } from './io.ts';

export const LSP_USAGE = `usage: obs lsp [--stdio]

Runs the obs language server over stdin/stdout (the Language Server Protocol) for the project in the
working directory (or the folder the editor opens): PromQL and registry problems while typing, every
obs check on save, completion of metric names, labels and label values, hover, go to definition and
quick fixes. Editors start it themselves; see docs/editor.md.
  --stdio      accepted for editors that pass it (stdio is the only transport)`;

export async function lspCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stdio: { type: 'boolean' },
      snapshot: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      clientProcessId: { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${LSP_USAGE}\n`);
    return 0;
  }
  // The server's own child: checks the project as saved and answers over IPC (dsl/lsp/snapshot.ts).
  if (values.snapshot) {
    // A loop in author code is the one problem of the project, shown at its line.
    reportStuckWith(stuckForServer);
    try {
      await serveSnapshots(io.cwd);
    } catch (e) {
      // What the server shows the author: a config that does not load, a misuse of this option.
      if (e instanceof ConfigError || e instanceof SnapshotError) {
        io.stderr(`obs lsp: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    return 0;
  }
  return runServer({ input: process.stdin, output: process.stdout, cwd: io.cwd });
}
