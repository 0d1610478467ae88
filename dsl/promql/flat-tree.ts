/**
 * lezer trees as flat arrays, to cross threads without a copy (parse-ahead, `lint/parallel-parse.ts`):
 * a tree of the strict parser becomes the layout of lezer's own `TreeBuffer` (per node, in prefix
 * order: type, from, to, the index just past its subtree), and back into a `Tree` whose named nodes,
 * positions and navigation are those of the parsed tree. A `TreeBuffer` holds 16-bit values, so a
 * text or a tree too large for one gives none and is parsed where it is checked.
 */
import { Tree, TreeBuffer } from '@lezer/common';
import { strictParser } from './lezer-tree.ts';

const LIMIT = 0xffff;

/** `tree`'s named nodes below its top, as a `TreeBuffer` lays them out; undefined when they do not fit in 16 bits. */
export function flatTree(tree: Tree): Uint16Array | undefined {
  if (tree.length > LIMIT) return undefined;
  const out: number[] = [];
  const c = tree.cursor();
  const node = (): boolean => {
    const at = out.length;
    out.push(c.type.id, c.from, c.to, 0);
    if (c.firstChild()) {
      do if (!node()) return false;
      while (c.nextSibling());
      c.parent();
    }
    if (out.length > LIMIT) return false;
    out[at + 3] = out.length;
    return true;
  };
  if (c.firstChild()) {
    do if (!node()) return undefined;
    while (c.nextSibling());
  }
  return Uint16Array.from(out);
}

/** The tree `flatTree` flattened, over a text of `length` characters. */
export function treeFromFlat(flat: Uint16Array, length: number): Tree {
  return new Tree(strictParser.topNode, [new TreeBuffer(flat, length, strictParser.nodeSet)], [0], length);
}
