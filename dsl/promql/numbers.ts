/**
 * Number literals as Prometheus reads them: Go's `strconv.ParseInt(s, 0, 64)` first (so `0x1F`,
 * `017` octal and `1_000` work), then `strconv.ParseFloat` (`1e3`, `.5`, `Inf`, `NaN`). A literal
 * neither accepts (`1e`, `0x`, `1e400`) is a parse error in Prometheus, and so here.
 */
import { goQuote, underscoreOK } from '../core/go-format.ts';

export type NumberResult = { ok: true; value: number } | { ok: false; error: string };

const MAX_INT64 = (1n << 63n) - 1n;

function parseInt64(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const t = s.replace(/_/g, '');
  let big: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) big = BigInt(t);
  else if (/^0[oO][0-7]+$/.test(t)) big = BigInt(`0o${t.slice(2)}`);
  else if (/^0[bB][01]+$/.test(t)) big = BigInt(t);
  else if (/^0[0-7]*$/.test(t)) big = t.length > 1 ? BigInt(`0o${t.slice(1)}`) : 0n;
  else if (/^[1-9][0-9]*$/.test(t)) big = BigInt(t);
  else return undefined;
  return big > MAX_INT64 ? undefined : Number(big);
}

const PLAIN_DECIMAL = /^(?:[1-9]\d{0,14}|0)(?:\.\d{1,15})?$/;

export function parseGoNumber(s: string): NumberResult {
  // Almost every literal is a plain decimal, which Number() reads exactly as Go does.
  if (PLAIN_DECIMAL.test(s)) return { ok: true, value: Number(s) };
  const i = parseInt64(s);
  if (i !== undefined) return { ok: true, value: i };
  const syntax = { ok: false as const, error: `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax` };
  if (/^[+-]?(inf|infinity)$/i.test(s)) return { ok: true, value: s.startsWith('-') ? -Infinity : Infinity };
  if (/^[+-]?nan$/i.test(s)) return { ok: true, value: NaN };
  if (s.includes('_') && !underscoreOK(s)) return syntax;
  const t = s.replace(/_/g, '');
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return syntax;
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, error: `strconv.ParseFloat: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value: v };
}
