/**
 * A short string a label-matcher regex matches (`5..` → `500`, `(5..|429)` → `500`,
 * `GET|POST` → `GET`), so generated tests can make up series that a selector selects. Covers the
 * regex syntax label matchers use in practice; every answer is verified with RE2 by the caller, and
 * anything unusual simply yields no example.
 */

type Node =
  | { readonly t: 'alt'; readonly options: readonly Node[] }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'repeat'; readonly node: Node; readonly min: number }
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'set'; readonly accepts: (c: string) => boolean };

/** Characters tried, in order, for `.` and classes: digits first, so `5..` reads as a status code. */
const PREFERRED = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-.:/ ';

const CLASS_ESCAPES: Record<string, (c: string) => boolean> = {
  d: (c) => /[0-9]/.test(c),
  D: (c) => !/[0-9]/.test(c),
  w: (c) => /\w/.test(c),
  W: (c) => !/\w/.test(c),
  s: (c) => /\s/.test(c),
  S: (c) => !/\s/.test(c),
};

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node | undefined {
    const n = this.alt();
    return this.i === this.src.length ? n : undefined;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alt(): Node {
    const options = [this.seq()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  private seq(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number | undefined;
      if (c === '*' || c === '?') min = 0;
      else if (c === '+') min = 1;
      else if (c === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
        if (!m) return node;
        min = Number(m[1]);
        this.i += m[0].length - 1;
      }
      if (min === undefined) return node;
      this.i++;
      if (this.peek() === '?') this.i++;
      node = { t: 'repeat', node, min };
    }
  }

  private atom(): Node | undefined {
    const c = this.src[this.i++] ?? '';
    switch (c) {
      case '(': {
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else if (this.src.startsWith('?P<', this.i) || this.src.startsWith('?<', this.i))
          this.i = this.src.indexOf('>', this.i) + 1;
        else if (this.peek() === '?') throw new Error('flags');
        const inner = this.alt();
        if (this.src[this.i++] !== ')') throw new Error('unclosed group');
        return inner;
      }
      case '[':
        return this.set();
      case '.':
        return { t: 'set', accepts: (x) => x !== '\n' };
      case '^':
      case '$':
        return undefined;
      case '\\': {
        const e = this.src[this.i++] ?? '';
        const cls = CLASS_ESCAPES[e];
        return cls ? { t: 'set', accepts: cls } : { t: 'char', c: e };
      }
      default:
        return { t: 'char', c };
    }
  }

  private set(): Node {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const tests: ((c: string) => boolean)[] = [];
    let first = true;
    while (this.i < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      let c = this.src[this.i++] ?? '';
      if (c === '\\') {
        const e = this.src[this.i++] ?? '';
        const cls = CLASS_ESCAPES[e];
        if (cls) {
          tests.push(cls);
          continue;
        }
        c = e;
      }
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi = this.src[this.i++] ?? '';
        if (hi === '\\') hi = this.src[this.i++] ?? '';
        const lo = c;
        tests.push((x) => x >= lo && x <= hi);
      } else {
        const only = c;
        tests.push((x) => x === only);
      }
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed class');
    const inSet = (x: string): boolean => tests.some((t) => t(x));
    return { t: 'set', accepts: negate ? (x) => !inSet(x) && x !== '\n' : inSet };
  }
}

function generate(n: Node): string | undefined {
  switch (n.t) {
    case 'char':
      return n.c;
    case 'set':
      return [...PREFERRED].find((c) => n.accepts(c));
    case 'repeat': {
      const one = generate(n.node);
      return one === undefined ? (n.min === 0 ? '' : undefined) : one.repeat(n.min);
    }
    case 'seq': {
      let out = '';
      for (const item of n.items) {
        const s = generate(item);
        if (s === undefined) return undefined;
        out += s;
      }
      return out;
    }
    case 'alt': {
      for (const o of n.options) {
        const s = generate(o);
        if (s !== undefined) return s;
      }
      return undefined;
    }
  }
}

/** A string the regex probably matches in full; the caller checks it with RE2. */
export function regexExample(pattern: string): string | undefined {
  try {
    const tree = new Parser(pattern).parse();
    return tree ? generate(tree) : undefined;
  } catch {
    return undefined;
  }
}
