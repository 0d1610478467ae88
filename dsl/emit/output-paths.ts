/**
 * Output paths every checkout can hold: no two files on one path, none on paths that differ only in
 * case (one file on macOS and Windows), no file name longer than file systems allow, none that
 * Windows reserves. Each problem is reported at the definitions the files come from.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import type { Artifact } from './artifact.ts';

/** Longest file name (one path segment) Linux, macOS and Windows file systems accept, in bytes. */
export const MAX_NAME_BYTES = 255;
/** Windows device names: `con.json` cannot be checked out there. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const ID = 'build/output-path';

function fromWhere(f: Artifact): string {
  return f.origin ? `${f.origin.file}:${f.origin.line}` : 'obs';
}

/** Problems with the paths of `files` inside `outDir` (project-relative, for messages). */
export function outputPathProblems(files: readonly Artifact[], outDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (f: Artifact, message: string, hint: string): void => {
    out.push({ checkId: ID, severity: 'error', message, hint, ...(f.origin ? { location: f.origin } : {}) });
  };
  const byFold = new Map<string, Artifact[]>();
  for (const f of files) {
    const key = f.path.toLowerCase();
    byFold.set(key, [...(byFold.get(key) ?? []), f]);
  }
  for (const group of byFold.values()) {
    if (group.length < 2) continue;
    for (const f of group) {
      const others = group.filter((g) => g !== f);
      const same = others.filter((g) => g.path === f.path);
      if (same.length) {
        report(
          f,
          `this would be written to ${outDir}/${f.path}, and so would the output of ${same.map(fromWhere).join(', ')}`,
          'rename one of the modules (or give the dashboard another uid) so the output names differ: they keep only letters, digits, ".", "_" and "-", so "a_b", "a-b" and "a b" may meet',
        );
      } else {
        report(
          f,
          `this would be written to ${outDir}/${f.path}, and the output of ${others.map((g) => `${fromWhere(g)} to ${outDir}/${g.path}`).join(', ')}: names that differ only in case are one file on macOS and Windows checkouts`,
          'rename one of them so the names differ in more than case',
        );
      }
    }
  }
  for (const f of files) {
    for (const seg of f.path.split('/')) {
      const bytes = Buffer.byteLength(seg);
      if (bytes > MAX_NAME_BYTES) {
        report(
          f,
          `the output file ${outDir}/${f.path.slice(0, f.path.indexOf(seg))}${seg.slice(0, 40)}… would have a name of ${bytes} bytes; file systems allow ${MAX_NAME_BYTES}`,
          'shorten the module file name (or the uid); output names are built from it',
        );
        break;
      }
      if (WINDOWS_RESERVED.test(seg) || seg.endsWith('.')) {
        report(
          f,
          `the output file ${outDir}/${f.path} has the name ${JSON.stringify(seg)}, which Windows cannot hold (a device name, or a trailing ".")`,
          'rename the module (or the uid)',
        );
        break;
      }
    }
  }
  return out;
}
