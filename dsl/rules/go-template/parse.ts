/**
 * A port of Go's text/template parser (text/template/parse/parse.go as of Go 1.19, the Go that
 * promtool 2.42 is built with). It keeps Go's three-token lookahead, variable scoping, function
 * check and error wording, so the first error we report is the one Go reports, and at the same
 * line: `function "humanise" not defined`, `undefined variable "$label"`, `unexpected EOF`,
 * `unexpected {{end}}`, `missing value for if`, `unexpected "}" in operand`, ...
 *
 * Go 1.19 details that later Go versions changed: `{{else with}}` is an error (Go 1.23 allows it),
 * and only `if` takes `{{else if}}`.
 */
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  Definition,
  FieldNode,
  ListNode,
  Node,
  PipeNode,
  Span,
  StringNode,
  TemplateNode,
  GoTemplateTree,
  VariableNode,
} from './ast.ts';
import { checkNumberLiteral, goQuote, goUnquote } from './go-strconv.ts';
import { type Item, ItemType, Lexer, itemString } from './lex.ts';

/** A template syntax error: Go's message, where it is, and the line Go would print. */
export class GoTemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    /** The line number in Go's `template: NAME:LINE: message`. */
    readonly goLine: number,
  ) {
    super(message);
    this.name = 'GoTemplateSyntaxError';
  }
}

export interface GoTemplateParseOptions {
  /** Names that may be called; Go rejects any other identifier at parse time. */
  readonly functions: ReadonlySet<string>;
  /** Variables declared by text the caller prepends (Prometheus's header), besides `$`. */
  readonly predeclared?: readonly string[];
  /**
   * Go's name for the template, e.g. `__alert_HighLatency`. It appears in "unclosed action started
   * at NAME:LINE", and a `{{define}}` of that name collides with the template itself.
   */
  readonly name?: string;
}

export type GoTemplateParseResult =
  { readonly ok: true; readonly tree: GoTemplateTree } | { readonly ok: false; readonly error: GoTemplateSyntaxError };

/** Guards the JS stack against hostile nesting; Go has no such limit that templates reach. */
const MAX_DEPTH = 1000;

/** `{{end}}` and `{{else}}` while parsing; they never reach the tree. */
interface Marker extends Span {
  readonly kind: 'end' | 'else';
}

type Parsed = Node | Marker;

interface Shared {
  readonly lexer: Lexer;
  readonly functions: ReadonlySet<string>;
  readonly parseName: string;
  /** Template name to "is empty", as Go's treeSet tracks it for the multiple-definition rule. */
  readonly treeSet: Map<string, boolean>;
  readonly definitions: Definition[];
  /** The controls being parsed, innermost last, to point "unexpected EOF" at what is unclosed. */
  readonly open: Span[];
  depth: number;
}

const ZERO: Item = { type: ItemType.Error, start: 0, end: 0, val: '', line: 0 };

const OPERAND_START = new Set([
  ItemType.Bool,
  ItemType.CharConstant,
  ItemType.Complex,
  ItemType.Dot,
  ItemType.Field,
  ItemType.Identifier,
  ItemType.Number,
  ItemType.Nil,
  ItemType.RawString,
  ItemType.String,
  ItemType.Variable,
  ItemType.LeftParen,
]);

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** Go's parse.IsEmptyTree: nothing but space and comments. */
function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === 'comment' || (n.kind === 'text' && GO_SPACE.test(n.text)));
}

function markerString(m: Marker): string {
  return m.kind === 'end' ? '{{end}}' : '{{else}}';
}

function isMarker(n: Parsed): n is Marker {
  return n.kind === 'end' || n.kind === 'else';
}

/** Go's Node.String() for the literals "unexpected . after term %q" quotes. */
function literalString(n: ArgNode): string {
  switch (n.kind) {
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

function span(start: number, end: number): Span {
  return { start, end };
}

/** One Go parse.Tree: the template itself, or a {{define}} / {{block}} body sharing the lexer. */
class TreeParser {
  private readonly token: [Item, Item, Item] = [ZERO, ZERO, ZERO];
  private peekCount = 0;
  private vars: string[];
  private actionLine = 0;
  private rangeDepth = 0;

  constructor(
    private name: string,
    private readonly shared: Shared,
    predeclared: readonly string[] = [],
  ) {
    this.vars = ['$', ...predeclared];
  }

  // --- token stream (Go's next/backup/peek with three tokens of lookahead) -------------------

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.shared.lexer.nextItem();
    return this.token[this.peekCount] ?? ZERO;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] ?? ZERO;
    this.peekCount = 1;
    this.token[0] = this.shared.lexer.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.type === ItemType.Space);
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors ---------------------------------------------------------------------------------

  /** Go's errorf: the line is always that of the most recently lexed token. */
  private errorf(message: string, where?: Span): never {
    const t0 = this.token[0];
    throw new GoTemplateSyntaxError(message, where?.start ?? t0.start, where?.end ?? t0.end, t0.line);
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === ItemType.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.shared.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`, token);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`, token);
  }

  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  private enter(where: Span): void {
    if (++this.shared.depth > MAX_DEPTH) this.errorf('max expression depth exceeded', where);
  }

  // --- trees ----------------------------------------------------------------------------------

  /** Go's Tree.add: a second non-empty definition of a name is an error. */
  add(root: ListNode, where: Span, forceNonEmpty = false): void {
    const empty = !forceNonEmpty && isEmptyList(root);
    const existing = this.shared.treeSet.get(this.name);
    if (existing === undefined || existing) {
      this.shared.treeSet.set(this.name, empty);
      return;
    }
    if (!empty) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`, where);
  }

  /** The top-level template: like itemList, but also takes {{define}} and runs to EOF. */
  parse(): ListNode {
    const nodes: Node[] = [];
    const start = this.peek().start;
    while (this.peek().type !== ItemType.EOF) {
      if (this.peek().type === ItemType.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().type === ItemType.Define) {
          const def = new TreeParser('definition', this.shared);
          def.parseDefinition(delim);
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (isMarker(n)) this.errorf(`unexpected ${markerString(n)}`, n);
      nodes.push(n);
    }
    return { kind: 'list', start, end: this.peek().start, nodes };
  }

  private parseDefinition(delim: Item): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== ItemType.String && nameTok.type !== ItemType.RawString) this.unexpected(nameTok, context);
    const name = goUnquote(nameTok.val);
    if (name === undefined) this.errorf('invalid syntax', nameTok);
    this.name = name;
    this.expect(ItemType.RightDelim, context);
    this.shared.open.push(span(delim.start, nameTok.end));
    const { list, next } = this.itemList();
    this.shared.open.pop();
    if (next.kind !== 'end') this.errorf(`unexpected ${markerString(next)} in ${context}`, next);
    this.add(list, nameTok);
    this.shared.definitions.push({
      name,
      nameSpan: span(nameTok.start, nameTok.end),
      list,
      start: delim.start,
      end: next.end,
      block: false,
    });
  }

  /** textOrAction* up to an {{end}} or {{else}}, which is returned separately. */
  private itemList(): { list: ListNode; next: Marker } {
    const nodes: Node[] = [];
    const start = this.peekNonSpace().start;
    while (this.peekNonSpace().type !== ItemType.EOF) {
      const n = this.textOrAction();
      if (isMarker(n)) return { list: { kind: 'list', start, end: n.start, nodes }, next: n };
      nodes.push(n);
    }
    const eof = this.peek();
    this.errorf('unexpected EOF', this.shared.open[this.shared.open.length - 1] ?? eof);
  }

  private textOrAction(): Parsed {
    const token = this.nextNonSpace();
    switch (token.type) {
      case ItemType.Text:
        return { kind: 'text', start: token.start, end: token.end, text: token.val };
      case ItemType.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action(token);
        } finally {
          this.actionLine = 0;
        }
      case ItemType.Comment:
        return { kind: 'comment', start: token.start, end: token.end, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  /** After `{{`: a control keyword, or a pipeline. */
  private action(ld: Item): Parsed {
    const token = this.nextNonSpace();
    switch (token.type) {
      case ItemType.Block:
        return this.blockControl(ld);
      case ItemType.Break:
        return this.loopControl(ld, 'break');
      case ItemType.Continue:
        return this.loopControl(ld, 'continue');
      case ItemType.Else:
        return this.elseControl(ld);
      case ItemType.End:
        return this.endControl(ld);
      case ItemType.If:
        return this.branch(ld, 'if', token);
      case ItemType.Range:
        return this.branch(ld, 'range', token);
      case ItemType.Template:
        return this.templateControl(ld);
      case ItemType.With:
        return this.branch(ld, 'with', token);
    }
    this.backup();
    // Variables declared here persist until the enclosing {{end}}.
    const { pipe, endTok } = this.pipeline('command', ItemType.RightDelim);
    return {
      kind: 'action',
      start: ld.start,
      end: endTok.end,
      pipe,
      trimLeft: ld.trim === true,
      trimRight: endTok.trim === true,
    };
  }

  private loopControl(ld: Item, kind: 'break' | 'continue'): Node {
    const token = this.nextNonSpace();
    if (token.type !== ItemType.RightDelim) this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`, span(ld.start, token.end));
    return { kind, start: ld.start, end: token.end };
  }

  private pipeline(context: string, end: ItemType): { pipe: PipeNode; endTok: Item } {
    const first = this.peekNonSpace();
    const decl: VariableNode[] = [];
    let isAssign = false;
    const cmds: CommandNode[] = [];
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type === ItemType.Variable) {
        this.next();
        // "$x foo" needs three tokens of lookahead: the token after $x may be a space.
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.type === ItemType.Assign || next.type === ItemType.Declare) {
          isAssign = next.type === ItemType.Assign;
          this.nextNonSpace();
          decl.push(this.variableNode(v));
          this.vars.push(v.val);
        } else if (next.type === ItemType.Char && next.val === ',') {
          this.nextNonSpace();
          decl.push(this.variableNode(v));
          this.vars.push(v.val);
          if (context === 'range' && decl.length < 2) {
            const t = this.peekNonSpace().type;
            if (t === ItemType.Variable || t === ItemType.RightDelim || t === ItemType.RightParen) continue decls;
            this.errorf('range can only initialize variables', next);
          }
          this.errorf(`too many declarations in ${context}`, next);
        } else if (tokenAfterVariable.type === ItemType.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        const pipe: PipeNode = {
          kind: 'pipe',
          start: decl[0]?.start ?? cmds[0]?.start ?? first.start,
          end: cmds[cmds.length - 1]?.end ?? first.start,
          decl,
          isAssign,
          cmds,
        };
        this.checkPipeline(pipe, context, token);
        return { pipe, endTok: token };
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, endTok: Item): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`, endTok);
    pipe.cmds.slice(1).forEach((c, i) => {
      const kind = c.args[0]?.kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`, c);
      }
    });
  }

  private branch(ld: Item, kind: BranchNode['kind'], keyword: Item): BranchNode {
    const open = span(ld.start, keyword.end);
    this.enter(open);
    this.shared.open.push(open);
    const varsAtStart = this.vars.length;
    try {
      const { pipe } = this.pipeline(kind, ItemType.RightDelim);
      if (kind === 'range') this.rangeDepth++;
      let { list, next } = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      let end = next.end;
      if (next.kind === 'else') {
        if (kind === 'if' && this.peek().type === ItemType.If) {
          // {{else if b}} is {{else}}{{if b}}...{{end}}{{end}} with the outer {{end}} implied.
          const ifTok = this.next();
          const nested = this.branch({ ...ld, start: next.start }, 'if', ifTok);
          elseList = { kind: 'list', start: next.start, end: nested.end, nodes: [nested] };
          end = nested.end;
        } else {
          ({ list: elseList, next } = this.itemList());
          if (next.kind !== 'end') this.errorf(`expected end; found ${markerString(next)}`, next);
          end = next.end;
        }
      }
      return { kind, start: ld.start, end, pipe, list, ...(elseList ? { elseList } : {}) };
    } finally {
      this.vars.length = varsAtStart;
      this.shared.open.pop();
      this.shared.depth--;
    }
  }

  private endControl(ld: Item): Marker {
    const token = this.expect(ItemType.RightDelim, 'end');
    return { kind: 'end', start: ld.start, end: token.end };
  }

  private elseControl(ld: Item): Marker {
    const peek = this.peekNonSpace();
    // "{{else if": leave the "if" pending for the enclosing if.
    if (peek.type === ItemType.If) return { kind: 'else', start: ld.start, end: peek.start };
    const token = this.expect(ItemType.RightDelim, 'else');
    return { kind: 'else', start: ld.start, end: token.end };
  }

  private blockControl(ld: Item): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const { pipe } = this.pipeline(context, ItemType.RightDelim);
    const block = new TreeParser(name, this.shared);
    this.shared.open.push(span(ld.start, token.end));
    const { list, next } = block.itemList();
    this.shared.open.pop();
    if (next.kind !== 'end') this.errorf(`unexpected ${markerString(next)} in ${context}`, next);
    block.add(list, token);
    this.shared.definitions.push({
      name,
      nameSpan: span(token.start, token.end),
      list,
      start: ld.start,
      end: next.end,
      block: true,
    });
    return {
      kind: 'template',
      start: ld.start,
      end: next.end,
      name,
      nameSpan: span(token.start, token.end),
      pipe,
      block: true,
    };
  }

  private templateControl(ld: Item): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    let endTok = this.nextNonSpace();
    if (endTok.type !== ItemType.RightDelim) {
      this.backup();
      ({ pipe, endTok } = this.pipeline(context, ItemType.RightDelim));
    }
    return {
      kind: 'template',
      start: ld.start,
      end: endTok.end,
      name,
      nameSpan: span(token.start, token.end),
      ...(pipe ? { pipe } : {}),
      block: false,
    };
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== ItemType.String && token.type !== ItemType.RawString) this.unexpected(token, context);
    const name = goUnquote(token.val);
    if (name === undefined) this.errorf('invalid syntax', token);
    return name;
  }

  /** operand (space operand)*, up to a pipe symbol or the closing delimiter or parenthesis. */
  private command(): CommandNode {
    const start = this.peekNonSpace().start;
    const args: ArgNode[] = [];
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) args.push(operand);
      const token = this.next();
      if (token.type === ItemType.Space) continue;
      if (token.type === ItemType.RightDelim || token.type === ItemType.RightParen) this.backup();
      else if (token.type !== ItemType.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (args.length === 0) this.errorf('empty command');
    return { kind: 'command', start, end: args[args.length - 1]?.end ?? start, args };
  }

  /** A term followed by any number of .Field accesses. */
  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== ItemType.Field) return node;
    const fields: string[] = [];
    let end = node.end;
    while (this.peek().type === ItemType.Field) {
      const f = this.next();
      fields.push(f.val.slice(1));
      end = f.end;
    }
    switch (node.kind) {
      case 'field':
        return { kind: 'field', start: node.start, end, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', start: node.start, end, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(literalString(node))}`, span(node.start, end));
      default:
        return { kind: 'chain', start: node.start, end, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const { start, end } = token;
    switch (token.type) {
      case ItemType.Identifier:
        if (!this.shared.functions.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`, token);
        return { kind: 'identifier', start, end, name: token.val };
      case ItemType.Dot:
        return { kind: 'dot', start, end };
      case ItemType.Nil:
        return { kind: 'nil', start, end };
      case ItemType.Variable:
        return this.useVar(token);
      case ItemType.Field:
        return { kind: 'field', start, end, ident: token.val.slice(1).split('.') } satisfies FieldNode;
      case ItemType.Bool:
        return { kind: 'bool', start, end, value: token.val === 'true' };
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number: {
        const kind =
          token.type === ItemType.CharConstant ? 'char' : token.type === ItemType.Complex ? 'complex' : 'number';
        const err = checkNumberLiteral(token.val, kind);
        if (err !== undefined) this.errorf(err, token);
        return { kind: 'number', start, end, text: token.val };
      }
      case ItemType.LeftParen: {
        this.enter(token);
        const { pipe, endTok } = this.pipeline('parenthesized pipeline', ItemType.RightParen);
        this.shared.depth--;
        return { ...pipe, start, end: endTok.end };
      }
      case ItemType.String:
      case ItemType.RawString: {
        const value = goUnquote(token.val);
        if (value === undefined) this.errorf('invalid syntax', token);
        return { kind: 'string', start, end, quoted: token.val, value } satisfies StringNode;
      }
    }
    this.backup();
    return undefined;
  }

  private variableNode(token: Item): VariableNode {
    return { kind: 'variable', start: token.start, end: token.end, ident: token.val.split('.') };
  }

  private useVar(token: Item): VariableNode {
    const v = this.variableNode(token);
    const name = v.ident[0] ?? '';
    if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`, token);
    return v;
  }
}

/**
 * Parses a template as Go's `template.New(name).Funcs(functions).Parse(text)` does (text/template
 * from Go 1.19), with `predeclared` variables in scope as if declared by a prefix without newlines.
 */
export function parseGoTemplate(text: string, options: GoTemplateParseOptions): GoTemplateParseResult {
  const predeclared = options.predeclared ?? [];
  const shared: Shared = {
    lexer: new Lexer(text, {
      breakOK: !options.functions.has('break'),
      continueOK: !options.functions.has('continue'),
    }),
    functions: options.functions,
    parseName: options.name ?? 'template',
    treeSet: new Map(),
    definitions: [],
    open: [],
    depth: 0,
  };
  const top = new TreeParser(options.name ?? '', shared, predeclared);
  try {
    const root = top.parse();
    // The declaring prefix makes the template non-empty; without a name it cannot collide.
    if (options.name !== undefined) top.add(root, span(text.length, text.length), predeclared.length > 0);
    return { ok: true, tree: { root, definitions: shared.definitions } };
  } catch (e) {
    if (e instanceof GoTemplateSyntaxError) return { ok: false, error: e };
    throw e;
  }
}
