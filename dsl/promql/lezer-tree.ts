/**
 * Access to lezer-promql's parser and trees for `parse.ts` and its helpers: strict and unguarded
 * parses, slices placed at their offset in the whole text, and cheap child lookups.
 */
import { parser as lezerParser } from '@prometheus-io/lezer-promql';
import { NodeType, Tree, type Input, type SyntaxNode } from '@lezer/common';
import type { LRParser } from '@lezer/lr';

export { lezerParser };

export const strictParser = lezerParser.configure({ strict: true });

/** Node type ids of lezer's `Expr` group (NodeType.is looks the group up on every call). */
export const IS_EXPR: Uint8Array = (() => {
  const types = lezerParser.nodeSet.types;
  const out = new Uint8Array(types.length);
  for (const t of types) if (t.is('Expr')) out[t.id] = 1;
  return out;
})();

// lezer's getChild/getChildren allocate a cursor per call; a sibling scan is cheaper.
export function child(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

/**
 * The first child named each of `names`, as `child` finds it, in one pass over the children (each
 * sibling step allocates a node), ending when all are found.
 */
export function firstChildren<const T extends readonly string[]>(
  node: SyntaxNode,
  names: T,
): { [K in keyof T]: SyntaxNode | null } {
  const out: (SyntaxNode | null)[] = names.map(() => null);
  let left = names.length;
  for (let c = node.firstChild; c && left > 0; c = c.nextSibling) {
    const i = names.indexOf(c.name);
    if (i >= 0 && out[i] === null) {
      out[i] = c;
      left--;
    }
  }
  return out as { [K in keyof T]: SyntaxNode | null };
}

export function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) out.push(c);
  return out;
}

export function strictParse(text: string): Tree | undefined {
  try {
    return parseUnguarded(strictParser, text);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** @lezer/lr's `Recover.MinBigReduction`: the size from which a reduction counts towards its guard. */
const BIG_REDUCTION = 2000;

/**
 * lezer's LR parser forces a production closed after 300 left-associative reductions from one
 * start (its `bigReductionCount` guard, meant to keep trees shallow for recursive walkers), which
 * turned a valid `a or b or ...` chain of a few hundred terms into a syntax error at a valid token.
 * We walk operator chains iteratively, so each parse switches that guard off. (lezer still
 * flattens subtrees deeper than LEZER_CUT_DEPTH; `tooDeepForLezer` refuses those.)
 */
export function parseUnguarded(p: LRParser, text: string | Input, ranges?: readonly Range[]): Tree {
  const parse = p.startParse(text, undefined, ranges);
  // The guard counts only reductions over at least BIG_REDUCTION characters, so a shorter input
  // cannot reach it. Redefining the property changes the parse object's shape, which makes every
  // access lezer's hot loop makes to it slower: short inputs (nearly all) keep lezer's own object.
  if (text.length >= BIG_REDUCTION)
    Object.defineProperty(parse, 'bigReductionCount', { get: () => 0, set: () => undefined });
  for (;;) {
    const tree = parse.advance();
    if (tree) return tree;
  }
}

/** lezer's tree for `text.slice(from, to)`, placed at `from` so that its nodes carry positions in the whole text. */
export function parseSlice(p: LRParser, slice: string, from: number, length: number): Tree {
  return new Tree(NodeType.none, [parseUnguarded(p, slice)], [from], length);
}

export function strictParseSlice(slice: string, from: number, length: number): Tree | undefined {
  try {
    return parseSlice(strictParser, slice, from, length);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

export interface Range {
  readonly from: number;
  readonly to: number;
}

/**
 * The whole text as lezer reads a piece of it (`parse.ts`, `parseInPieces`): the characters at the
 * positions in `marks` read as given there (a placeholder's `x` and a space after it), the rest as
 * they are. Parsed within ranges that skip what a placeholder stands for, so that each piece costs
 * its own length, not that of the pieces inside it, and its nodes keep their places in the text.
 */
export class MarkedInput implements Input {
  readonly lineChunks = false;
  readonly length: number;
  private readonly at: number[];

  constructor(
    private readonly text: string,
    private readonly marks: ReadonlyMap<number, string>,
  ) {
    this.length = text.length;
    this.at = [...marks.keys()].sort((x, y) => x - y);
  }

  chunk(from: number): string {
    const mark = this.marks.get(from);
    if (mark !== undefined) return mark;
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.at[mid] as number) <= from) lo = mid + 1;
      else hi = mid;
    }
    return this.text.slice(from, this.at[lo] ?? this.text.length);
  }

  read(from: number, to: number): string {
    let out = '';
    for (let p = from; p < to;) {
      const c = this.chunk(p).slice(0, to - p);
      out += c;
      p += c.length;
    }
    return out;
  }
}

/**
 * lezer's tree for `input` within `ranges`, placed so that its nodes carry positions in the whole
 * text (lezer gives them relative to the first range). A placeholder's name ends where the range
 * after it starts.
 */
export function parseRanges(p: LRParser, input: Input, ranges: readonly Range[]): Tree {
  const from = (ranges[0] as Range).from;
  return new Tree(NodeType.none, [parseUnguarded(p, input, ranges)], [from], input.length);
}

export function strictParseRanges(input: Input, ranges: readonly Range[]): Tree | undefined {
  try {
    return parseRanges(strictParser, input, ranges);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}
