/**
 * Access to lezer-promql's parser and trees for `parse.ts` and its helpers: strict and unguarded
 * parses, slices placed at their offset in the whole text, and cheap child lookups.
 */
import { parser as lezerParser } from '@prometheus-io/lezer-promql';
import { NodeType, Tree, type SyntaxNode } from '@lezer/common';
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

export function childAfter(node: SyntaxNode, name: string, after: string): SyntaxNode | null {
  let seen = false;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (seen && c.name === name) return c;
    if (c.name === after) seen = true;
  }
  return null;
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

/**
 * lezer's LR parser forces a production closed after 300 left-associative reductions from one
 * start (its `bigReductionCount` guard, meant to keep trees shallow for recursive walkers), which
 * turned a valid `a or b or ...` chain of a few hundred terms into a syntax error at a valid token.
 * We walk operator chains iteratively, so each parse switches that guard off. (lezer still
 * flattens subtrees deeper than LEZER_CUT_DEPTH; `tooDeepForLezer` refuses those.)
 */
export function parseUnguarded(p: LRParser, text: string): Tree {
  const parse = p.startParse(text);
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
