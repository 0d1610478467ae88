/**
 * The parse tree of a Go text/template, shaped like Go's text/template/parse nodes but with
 * half-open UTF-16 offsets (`start`, `end`) into the author's text on every node, so checks can
 * point at the exact place an author wrote something.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ListNode extends Span {
  readonly kind: 'list';
  readonly nodes: readonly Node[];
}

export interface TextNode extends Span {
  readonly kind: 'text';
  readonly text: string;
}

/** `{{/* ... *\/}}`; `text` is the comment with its markers. */
export interface CommentNode extends Span {
  readonly kind: 'comment';
  readonly text: string;
}

export interface TrimMarkers {
  /** `{{- `: trailing spaces of the text before the action are dropped. */
  readonly trimLeft: boolean;
  /** ` -}}`: leading spaces of the text after the action are dropped. */
  readonly trimRight: boolean;
}

/** `{{ pipeline }}`: the span covers the delimiters. */
export interface ActionNode extends Span, TrimMarkers {
  readonly kind: 'action';
  readonly pipe: PipeNode;
}

/** `$x := cmd | cmd`: declarations (or `=` assignments) followed by commands. */
export interface PipeNode extends Span {
  readonly kind: 'pipe';
  readonly decl: readonly VariableNode[];
  readonly isAssign: boolean;
  readonly cmds: readonly CommandNode[];
}

/** One stage of a pipeline: an operand, or a function or method call with arguments. */
export interface CommandNode extends Span {
  readonly kind: 'command';
  readonly args: readonly ArgNode[];
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A function name such as `humanize`. */
export interface IdentifierNode extends Span {
  readonly kind: 'identifier';
  readonly name: string;
}

/** `$labels.instance` is `['$labels', 'instance']`; `$` alone is `['$']`. */
export interface VariableNode extends Span {
  readonly kind: 'variable';
  readonly ident: readonly string[];
}

/** `.Labels.instance` is `['Labels', 'instance']`. */
export interface FieldNode extends Span {
  readonly kind: 'field';
  readonly ident: readonly string[];
}

/** Fields on something that is neither dot, a field nor a variable: `(query "up").Labels`. */
export interface ChainNode extends Span {
  readonly kind: 'chain';
  readonly node: ArgNode;
  readonly fields: readonly string[];
}

export interface DotNode extends Span {
  readonly kind: 'dot';
}

export interface NilNode extends Span {
  readonly kind: 'nil';
}

export interface BoolNode extends Span {
  readonly kind: 'bool';
  readonly value: boolean;
}

/** Integer, float, imaginary, complex or character constant, kept as written. */
export interface NumberNode extends Span {
  readonly kind: 'number';
  readonly text: string;
}

export interface StringNode extends Span {
  readonly kind: 'string';
  /** As written, with quotes (`"..."` or `` `...` ``). */
  readonly quoted: string;
  /** After unquoting. */
  readonly value: string;
}

export interface BranchNode extends Span {
  readonly kind: 'if' | 'range' | 'with';
  readonly pipe: PipeNode;
  readonly list: ListNode;
  /** The `{{else}}` part; an `{{else if}}` is a list holding one nested `if`. */
  readonly elseList?: ListNode;
}

/** `{{template "name" pipeline}}`, or the call a `{{block}}` stands for. */
export interface TemplateNode extends Span {
  readonly kind: 'template';
  readonly name: string;
  readonly nameSpan: Span;
  readonly pipe?: PipeNode;
  readonly block: boolean;
}

export interface BreakNode extends Span {
  readonly kind: 'break';
}

export interface ContinueNode extends Span {
  readonly kind: 'continue';
}

export type Node = TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | BreakNode | ContinueNode;

/** A `{{define "name"}}...{{end}}` or the body of a `{{block}}`. */
export interface Definition extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  readonly list: ListNode;
  readonly block: boolean;
}

export interface GoTemplateTree {
  readonly root: ListNode;
  readonly definitions: readonly Definition[];
}
