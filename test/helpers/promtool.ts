/**
 * The reference: Prometheus's own `promtool`. Tests that need it call `promtoolOrSkip()`: without
 * promtool they skip with a visible message, unless OBS_REQUIRE_PROMTOOL=1 (CI), where they fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PromtoolInfo {
  readonly path: string;
  /** e.g. "2.42" */
  readonly version: string;
}

/** The first candidate binary that answers `--version`, with its major.minor version. */
export function findTool(candidates: readonly (string | undefined)[]): PromtoolInfo | null {
  for (const c of candidates.filter((x): x is string => !!x)) {
    try {
      const out = execFileSync(c, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const m = /version (\d+)\.(\d+)/.exec(out);
      return { path: c, version: m ? `${m[1]}.${m[2]}` : 'unknown' };
    } catch {
      // try the next candidate
    }
  }
  return null;
}

let cached: PromtoolInfo | null | undefined;

export function findPromtool(): PromtoolInfo | null {
  if (cached === undefined) cached = findTool([process.env.OBS_PROMTOOL, 'promtool', '/usr/bin/promtool']);
  return cached;
}

export const promtoolRequired = process.env.OBS_REQUIRE_PROMTOOL === '1';

/**
 * A reason to skip (`missing`, also printed), or undefined when the tool was `found`. Throws
 * instead when the Prometheus tools are required (OBS_REQUIRE_PROMTOOL=1).
 */
export function toolSkipReason(found: boolean, missing: string): string | undefined {
  if (found) return undefined;
  if (promtoolRequired) throw new Error(`OBS_REQUIRE_PROMTOOL=1 but ${missing}`);
  console.warn(`\n⚠ ${missing}\n`);
  return missing;
}

/** A reason to skip, or undefined when promtool is usable. Throws when promtool is required but missing. */
export function promtoolSkipReason(): string | undefined {
  return toolSkipReason(findPromtool() !== null, 'promtool not found (apt-get install -y prometheus); skipping tests that compare with the real Prometheus tools');
}

export interface PromtoolVerdict {
  readonly valid: boolean;
  /** The parse error text after "parse error: ", e.g. "unclosed left parenthesis". */
  readonly message?: string;
  /** 1-based line:column inside the expression, as promtool prints it. */
  readonly line?: number;
  readonly column?: number;
  /** The raw error line, for debugging. */
  readonly raw?: string;
}

/** YAML double-quoted scalar that round-trips any string. */
function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || (cp >= 0xd800 && cp < 0xe000)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Runs `promtool check rules` once over all expressions (one recording rule each) and returns a
 * verdict per expression, in order.
 */
export function promtoolCheckExpressions(exprs: readonly string[]): PromtoolVerdict[] {
  const tool = findPromtool();
  if (!tool) throw new Error('promtool not available');
  const dir = mkdtempSync(join(tmpdir(), 'obs-promtool-'));
  try {
    const file = join(dir, 'rules.yml');
    const lines = ['groups:', '- name: g', '  rules:'];
    exprs.forEach((e, i) => {
      lines.push(`  - record: r${i}`, `    expr: ${yamlQuote(e)}`);
    });
    writeFileSync(file, `${lines.join('\n')}\n`);
    const res = spawnSync(tool.path, ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const out = `${res.stdout}\n${res.stderr}`;
    const verdicts: PromtoolVerdict[] = exprs.map(() => ({ valid: true }));
    const re = /group "g", rule (\d+), "r\d+": could not parse expression: (?:(\d+):(\d+): )?parse error: (.*)$/gm;
    let found = 0;
    for (const m of out.matchAll(re)) {
      const idx = Number(m[1]) - 1;
      found++;
      verdicts[idx] = {
        valid: false, message: m[4] ?? '', raw: m[0],
        ...(m[2] ? { line: Number(m[2]), column: Number(m[3]) } : {}),
      };
    }
    if (res.status !== 0 && found === 0) {
      throw new Error(`promtool check rules failed without per-rule errors:\n${out.slice(0, 2000)}`);
    }
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
