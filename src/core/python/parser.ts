/**
 * A forgiving parser from tokens to statements of small expression trees: enough
 * structure to see which name a value is bound to and what the value is made of.
 * It never throws: anything it does not understand becomes an `other` node, and it
 * always advances, so it runs in linear time. Bracket nesting deeper than MAX_DEPTH
 * is kept as one opaque node instead of recursing (no stack overflow on hostile input).
 */
import { LineFilter, Token, tokenize } from './lexer';

export type Expr =
  | { kind: 'str'; start: number; end: number; parts: Token[] }
  | { kind: 'name'; start: number; end: number; name: string }
  | { kind: 'attr'; start: number; end: number; object: Expr; name: string; nameStart: number }
  | { kind: 'subscript'; start: number; end: number; object: Expr; index: Expr }
  | { kind: 'call'; start: number; end: number; func: Expr; args: Arg[] }
  | { kind: 'binop'; start: number; end: number; op: string; left: Expr; right: Expr }
  | { kind: 'cond'; start: number; end: number; body: Expr; test: Expr; orelse: Expr }
  | { kind: 'seq'; start: number; end: number; open: string; items: Expr[] }
  | { kind: 'dict'; start: number; end: number; entries: DictEntry[] }
  | { kind: 'paren'; start: number; end: number; inner: Expr }
  | { kind: 'other'; start: number; end: number; children: Expr[] };

export interface Arg {
  /** Keyword name, if any. */
  readonly name?: string;
  readonly nameStart?: number;
  readonly star: boolean;
  readonly value: Expr;
}

export interface DictEntry {
  readonly key: Expr | undefined;
  readonly value: Expr;
}

export interface Statement {
  readonly start: number;
  /** Assignment targets, outermost chain first (`a = b = v` gives [a, b]). */
  readonly targets: Expr[];
  /** The assigned value, or the statement's expression. */
  readonly value: Expr | undefined;
  /** An annotated assignment (`NAME: type = value`). */
  readonly annotated: boolean;
}

export interface ParsedModule {
  readonly tokens: Token[];
  readonly statements: Statement[];
}

const MAX_DEPTH = 150;
const MATCH_LOOKBACK = 8;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const COMPOUND_KEYWORDS = new Set([
  'if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'class', 'def', 'async', 'match', 'case',
]);
const LEADING_KEYWORDS = new Set(['return', 'yield', 'await', 'assert', 'del', 'raise', 'global', 'nonlocal']);
const BINARY_PRECEDENCE: Record<string, number> = {
  or: 1, and: 2, in: 4, 'not in': 4, is: 4, 'is not': 4, '<': 4, '>': 4, '==': 4, '>=': 4, '<=': 4, '!=': 4,
  '|': 5, '^': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '//': 10, '%': 10, '@': 10, '**': 12,
};
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);

/** With `keepLine`, only the logical lines it keeps are parsed (see tokenize). */
export function parseModule(text: string, keepLine?: LineFilter): ParsedModule {
  const all = tokenize(text, keepLine);
  const tokens = all.filter((t) => t.type !== 'comment');
  const match = matchBrackets(tokens);
  const statements: Statement[] = [];
  let i = 0;
  while (i < tokens.length) {
    const end = logicalLineEnd(tokens, match, i);
    splitStatements(tokens, match, i, end, statements);
    i = end + 1;
  }
  return { tokens: all, statements };
}

/** For each opening bracket token, the index of its closing token (or of the last token). */
function matchBrackets(tokens: Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'op') continue;
    if (t.value in CLOSERS) {
      stack.push(i);
    } else if (t.value === ')' || t.value === ']' || t.value === '}') {
      // Pop to the nearest opener of the same kind, looking a few levels down at most (so
      // hostile input such as `[[[...)))` stays linear); unmatched closers are ignored.
      for (let k = stack.length - 1; k >= Math.max(0, stack.length - MATCH_LOOKBACK); k--) {
        if (CLOSERS[tokens[stack[k]].value] === t.value) {
          match[stack[k]] = i;
          stack.length = k;
          break;
        }
      }
    }
  }
  return match;
}

/** Index of the `newline` token ending the logical line that starts at `i`. */
function logicalLineEnd(tokens: Token[], match: Int32Array, i: number): number {
  let j = i;
  while (j < tokens.length && tokens[j].type !== 'newline') {
    j = match[j] > j ? match[j] + 1 : j + 1;
  }
  return Math.min(j, tokens.length);
}

/** Splits tokens[start, end) at top-level `;` and compound-statement colons. */
function splitStatements(tokens: Token[], match: Int32Array, start: number, end: number, out: Statement[]): void {
  let s = start;
  while (s < end) {
    const t = tokens[s];
    if (t.type === 'op' && t.value === '@') {
      return; // decorator line
    }
    let stop = s;
    let bodyAfterColon = false;
    const compound = t.type === 'name' && COMPOUND_KEYWORDS.has(t.value);
    while (stop < end) {
      const u = tokens[stop];
      if (u.type === 'op' && u.value === ';') break;
      if (compound && u.type === 'op' && u.value === ':') {
        bodyAfterColon = true;
        break;
      }
      stop = match[stop] > stop ? Math.min(match[stop] + 1, end) : stop + 1;
    }
    if (!compound) out.push(parseSimpleStatement(tokens, match, s, stop));
    else if (!bodyAfterColon && stop > s) out.push(parseSimpleStatement(tokens, match, s + 1, stop));
    s = stop + 1;
  }
}

function parseSimpleStatement(tokens: Token[], match: Int32Array, start: number, end: number): Statement {
  const p = new ExprParser(tokens, match, end);
  p.pos = start;
  if (p.peekName() && LEADING_KEYWORDS.has(p.peekName() ?? '')) p.pos++;
  const stmtStart = tokens[start]?.start ?? 0;
  const exprs: Expr[] = [];
  let annotated = false;
  let first = p.parseExprList();
  exprs.push(first);
  if (p.peekOp(':')) {
    p.pos++;
    p.parseExpr(); // annotation
    annotated = true;
    if (!p.peekOp('=')) return { start: stmtStart, targets: [], value: undefined, annotated };
  }
  while (p.peekOp('=')) {
    p.pos++;
    first = p.parseExprList();
    exprs.push(first);
  }
  if (p.peekAnyOp(AUGMENTED)) {
    p.pos++;
    return { start: stmtStart, targets: [], value: p.parseExprList(), annotated };
  }
  const value = exprs.pop();
  return { start: stmtStart, targets: exprs, value, annotated };
}

class ExprParser {
  pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly match: Int32Array,
    private readonly end: number,
  ) {}

  peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }

  peekOp(op: string): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'op' && t.value === op;
  }

  peekAnyOp(ops: Set<string>): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'op' && ops.has(t.value);
  }

  peekName(): string | undefined {
    const t = this.peek();
    return t && t.type === 'name' ? t.value : undefined;
  }

  /** A comma-separated list at this level; a single expression stays as itself. */
  parseExprList(): Expr {
    const first = this.parseExpr();
    if (!this.peekOp(',')) return first;
    const items = [first];
    while (this.peekOp(',')) {
      this.pos++;
      if (this.atListEnd()) break;
      items.push(this.parseExpr());
    }
    return { kind: 'seq', start: first.start, end: items[items.length - 1].end, open: '', items };
  }

  private atListEnd(): boolean {
    const t = this.peek();
    return t === undefined || (t.type === 'op' && [')', ']', '}', '=', ':', ';'].includes(t.value));
  }

  parseExpr(): Expr {
    if (this.depth >= MAX_DEPTH) return this.opaqueRest();
    this.depth++;
    try {
      return this.parseExprInner();
    } finally {
      this.depth--;
    }
  }

  /** Too deeply nested: the rest of this bracket level becomes one opaque node. */
  private opaqueRest(): Expr {
    const first = this.peek();
    const start = first?.start ?? 0;
    let end = start;
    while (this.pos < this.end && !this.peekOp(',')) {
      end = this.tokens[this.pos].end;
      this.skipOne();
    }
    return { kind: 'other', start, end, children: [] };
  }

  private parseExprInner(): Expr {
    if (this.peekName() === 'lambda') return this.parseLambda();
    const body = this.parseBinary(0);
    if (this.peekName() === 'if') {
      this.pos++;
      const test = this.parseBinary(0);
      if (this.peekName() === 'else') {
        this.pos++;
        const orelse = this.parseExpr();
        return { kind: 'cond', start: body.start, end: orelse.end, body, test, orelse };
      }
      return { kind: 'other', start: body.start, end: test.end, children: [body, test] };
    }
    if (this.peekOp(':=')) {
      this.pos++;
      const value = this.parseExpr();
      return { kind: 'other', start: body.start, end: value.end, children: [value] };
    }
    return body;
  }

  private parseLambda(): Expr {
    const start = this.tokens[this.pos].start;
    this.pos++;
    while (this.peek() && !this.peekOp(':')) this.skipOne();
    if (this.peekOp(':')) this.pos++;
    const body = this.parseExpr();
    return { kind: 'other', start, end: body.end, children: [body] };
  }

  private binaryOperator(): string | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.type === 'name') {
      if (t.value === 'not' && this.tokens[this.pos + 1]?.value === 'in' && this.pos + 1 < this.end) return 'not in';
      if (t.value === 'is' && this.tokens[this.pos + 1]?.value === 'not' && this.pos + 1 < this.end) return 'is not';
      return t.value in BINARY_PRECEDENCE ? t.value : undefined;
    }
    return t.type === 'op' && t.value in BINARY_PRECEDENCE ? t.value : undefined;
  }

  private parseBinary(minPrec: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const op = this.binaryOperator();
      if (!op) return left;
      const prec = BINARY_PRECEDENCE[op];
      if (prec < minPrec) return left;
      this.pos += op.includes(' ') ? 2 : 1;
      const right = this.parseBinary(op === '**' ? prec : prec + 1);
      left = { kind: 'binop', start: left.start, end: right.end, op, left, right };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t && this.isPrefixOperator()) {
      // Prefix operators chain iteratively: `- - - x` must not recurse per operator.
      while (this.peek() && this.isPrefixOperator()) this.pos++;
      const operand = this.parsePostfix(this.parseAtom());
      return { kind: 'other', start: t.start, end: operand.end, children: [operand] };
    }
    return this.parsePostfix(this.parseAtom());
  }

  private isPrefixOperator(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.type === 'op') return ['-', '+', '~', '*', '**'].includes(t.value);
    return t.type === 'name' && (t.value === 'not' || t.value === 'await');
  }

  private parsePostfix(atom: Expr): Expr {
    let e = atom;
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op') return e;
      if (t.value === '.') {
        const name = this.tokens[this.pos + 1];
        if (this.pos + 1 >= this.end || name.type !== 'name') {
          this.pos++;
          return e;
        }
        this.pos += 2;
        e = { kind: 'attr', start: e.start, end: name.end, object: e, name: name.value, nameStart: name.start };
      } else if (t.value === '(') {
        const { args, end } = this.parseBracketed((p) => p.parseArg());
        e = { kind: 'call', start: e.start, end, func: e, args };
      } else if (t.value === '[') {
        const { args, end } = this.parseBracketed((p) => p.parseSliceItem());
        const index: Expr = args.length === 1 ? args[0] : { kind: 'seq', start: t.start, end, open: '', items: args };
        e = { kind: 'subscript', start: e.start, end, object: e, index };
      } else {
        return e;
      }
    }
  }

  private parseAtom(): Expr {
    const t = this.peek();
    if (!t) {
      const at = this.tokens[Math.min(this.pos, this.tokens.length - 1)]?.end ?? 0;
      return { kind: 'other', start: at, end: at, children: [] };
    }
    if (t.type === 'string') return this.parseStrings();
    if (t.type === 'name' || t.type === 'number') {
      this.pos++;
      if (t.type === 'number') return { kind: 'other', start: t.start, end: t.end, children: [] };
      return { kind: 'name', start: t.start, end: t.end, name: t.value };
    }
    if (t.type === 'op' && t.value in CLOSERS) return this.parseDisplay(t);
    this.pos++;
    return { kind: 'other', start: t.start, end: t.end, children: [] };
  }

  private parseStrings(): Expr {
    const parts: Token[] = [];
    while (this.peek()?.type === 'string') parts.push(this.tokens[this.pos++]);
    return { kind: 'str', start: parts[0].start, end: parts[parts.length - 1].end, parts };
  }

  private parseDisplay(open: Token): Expr {
    if (open.value === '{') {
      const { args: entries, end } = this.parseBracketed((p) => p.parseDictItem());
      if (entries.some((d) => d.key !== undefined)) return { kind: 'dict', start: open.start, end, entries };
      return { kind: 'seq', start: open.start, end, open: '{', items: entries.map((d) => d.value) };
    }
    const { args, end, trailingComma } = this.parseBracketed((p) => p.parseExpr());
    if (open.value === '(' && args.length === 1 && !trailingComma) {
      return { kind: 'paren', start: open.start, end, inner: args[0] };
    }
    return { kind: 'seq', start: open.start, end, open: open.value, items: args };
  }

  parseDictItem(): DictEntry {
    if (this.peekOp('**')) {
      this.pos++;
      return { key: undefined, value: this.parseExpr() };
    }
    const key = this.parseExpr();
    if (this.peekOp(':')) {
      this.pos++;
      return { key, value: this.parseExpr() };
    }
    return { key: undefined, value: key };
  }

  parseArg(): Arg {
    const t = this.peek();
    const next = this.tokens[this.pos + 1];
    if (t && t.type === 'name' && this.pos + 1 < this.end && next.type === 'op' && next.value === '=') {
      this.pos += 2;
      return { name: t.value, nameStart: t.start, star: false, value: this.parseExpr() };
    }
    if (this.peekOp('*') || this.peekOp('**')) {
      this.pos++;
      return { star: true, value: this.parseExpr() };
    }
    return { star: false, value: this.parseExpr() };
  }

  parseSliceItem(): Expr {
    const start = this.peek()?.start ?? 0;
    const parts: Expr[] = [];
    if (!this.peekOp(':')) parts.push(this.parseExpr());
    if (!this.peekOp(':')) return parts[0];
    while (this.peekOp(':')) {
      this.pos++;
      if (!this.peekOp(':') && !this.peekOp(']') && !this.peekOp(',') && this.peek()) parts.push(this.parseExpr());
    }
    return { kind: 'other', start, end: parts[parts.length - 1]?.end ?? start, children: parts };
  }

  /**
   * Parses `open item, item, ... close` with `item` for each element, stopping at the
   * matching closer. Too deep nesting is skipped as one opaque element.
   */
  private parseBracketed<T>(item: (p: ExprParser) => T): { args: T[]; end: number; trailingComma: boolean } {
    const openIndex = this.pos;
    const closeIndex = this.match[openIndex] > openIndex ? this.match[openIndex] : this.end;
    const close = Math.min(closeIndex, this.end);
    const endOffset = close < this.tokens.length ? this.tokens[close].end : this.tokens[this.tokens.length - 1].end;
    if (this.depth >= MAX_DEPTH) {
      this.pos = close + 1;
      return { args: [], end: endOffset, trailingComma: false };
    }
    this.depth++;
    const inner = new ExprParser(this.tokens, this.match, close);
    inner.depth = this.depth;
    inner.pos = openIndex + 1;
    const args: T[] = [];
    let trailingComma = false;
    while (inner.pos < close) {
      const before = inner.pos;
      args.push(item(inner));
      trailingComma = false;
      if (inner.peekOp(',')) {
        inner.pos++;
        trailingComma = true;
      } else if (inner.pos < close) {
        // comprehension or junk: skip what we cannot read, keeping progress
        if (inner.pos === before) inner.pos++;
        else inner.skipOne();
        while (inner.pos < close && !inner.peekOp(',')) inner.skipOne();
        if (inner.peekOp(',')) inner.pos++;
      }
    }
    this.depth--;
    this.pos = close + 1;
    return { args, end: endOffset, trailingComma };
  }

  skipOne(): void {
    const m = this.match[this.pos];
    this.pos = m > this.pos ? m + 1 : this.pos + 1;
  }
}

/** Direct sub-expressions of a node, for walking the tree. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'str':
    case 'name':
      return [];
    case 'attr':
      return [e.object];
    case 'subscript':
      return [e.object, e.index];
    case 'call':
      return [e.func, ...e.args.map((a) => a.value)];
    case 'binop':
      return [e.left, e.right];
    case 'cond':
      return [e.body, e.test, e.orelse];
    case 'seq':
      return e.items;
    case 'dict':
      return e.entries.flatMap((d) => (d.key ? [d.key, d.value] : [d.value]));
    case 'paren':
      return [e.inner];
    case 'other':
      return e.children;
  }
}
