/**
 * A Python tokenizer sufficient for finding bindings of literals: every string form
 * (prefixes r/b/u/f/t in any case and combination, single/double/triple quotes, escapes,
 * nested f-string replacement fields), comments, brackets, line continuations, and
 * logical-line ends. It never throws and runs in linear time on any input: unterminated
 * strings end at the line break (or at the end of the text for triple quotes), and
 * characters Python would reject become one-character `op` tokens.
 */

export type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline' | 'comment';

export interface Token {
  readonly type: TokenType;
  /** UTF-16 offsets into the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Source text for names and operators; the prefix-less quote for strings. */
  readonly value: string;
  readonly str?: StringInfo;
}

export interface StringInfo {
  /** Lower-cased prefix letters, e.g. `rb`. */
  readonly prefix: string;
  /** `'`, `"`, `'''` or `"""`. */
  readonly quote: string;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly terminated: boolean;
  /** An f-string or t-string with at least one replacement field. */
  readonly hasPlaceholders: boolean;
}

/** Characters that, followed by `=`, make a two-character operator (`==`, `+=`, `:=`, ...). */
const BEFORE_EQUALS = '=!<>+-*/%&|^@:';

/**
 * The length of the operator at `i`: 3 for `**=` `//=` `>>=` `<<=` `...`; 2 for `**` `//` `<<`
 * `>>` `->` and an operator character followed by `=`; else 1. Char codes only: no substrings.
 */
function operatorLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  const doubled = c === d && (c === 42 || c === 47 || c === 60 || c === 62); // ** // << >>
  if (doubled) return text.charCodeAt(i + 2) === 61 ? 3 : 2;
  if (c === 46 && d === 46 && text.charCodeAt(i + 2) === 46) return 3; // ...
  if (d === 61 && BEFORE_EQUALS.includes(text[i])) return 2;
  return c === 45 && d === 62 ? 2 : 1; // ->
}
const STRING_PREFIXES = new Set([
  'r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt',
]);

const CH_TAB = 9;
const CH_LF = 10;
const CH_FF = 12;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_HASH = 35;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;
const CH_BACKSLASH = 92;
const CH_DOT = 46;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentPart(c: number): boolean {
  return isAsciiIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const UNICODE_IDENT_START = /[\p{L}\p{Nl}_]/u;
const UNICODE_IDENT_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isIdentStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiIdentStart(c);
  return UNICODE_IDENT_START.test(text[i]);
}

function isIdentPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiIdentPart(c);
  return UNICODE_IDENT_PART.test(text[i]);
}

function isLineBreak(c: number): boolean {
  return c === CH_LF || c === CH_CR;
}

/** Length of the line break at `i` (2 for CRLF), or 0. */
function lineBreakLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === CH_CR) return text.charCodeAt(i + 1) === CH_LF ? 2 : 1;
  return c === CH_LF ? 1 : 0;
}

/**
 * A global regular expression: a logical line is kept only when it matches somewhere in the
 * line's source text (comments included). Other lines are dropped whole before any token
 * object is made for them, so analysing a big file keeps only the few lines that can matter.
 */
export type LineFilter = RegExp;

export function tokenize(text: string, keepLine?: LineFilter): Token[] {
  return new Lexer(text, keepLine).run();
}

const TYPES: readonly TokenType[] = ['name', 'number', 'string', 'op', 'newline', 'comment'];

class Lexer {
  private pos = 0;
  private depth = 0;
  private readonly tokens: Token[] = [];
  /** With a filter: the current logical line's tokens as numbers, made into objects only if kept. */
  private readonly pending: number[] = [];
  private readonly pendingStrings: StringInfo[] = [];
  /** Offset of the filter's next match at or after the current line (monotonic: linear overall). */
  private nextMatch = -1;

  constructor(
    private readonly text: string,
    private readonly keepLine?: LineFilter,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): Token[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_TAB || c === CH_FF) {
        this.pos++;
      } else if (isLineBreak(c)) {
        this.lineBreak();
      } else if (c === CH_HASH) {
        this.comment();
      } else if (c === CH_BACKSLASH) {
        this.backslash();
      } else if (c === CH_SQUOTE || c === CH_DQUOTE) {
        this.string(this.pos, '');
      } else if (isDigit(c) || (c === CH_DOT && isDigit(text.charCodeAt(this.pos + 1)))) {
        this.number();
      } else if (isIdentStart(text, this.pos)) {
        this.nameOrString();
      } else {
        this.operator();
      }
    }
    this.newline(text.length, text.length);
    return this.tokens;
  }

  private push(type: TokenType, start: number, end: number, str?: StringInfo): void {
    if (!this.keepLine) {
      this.tokens.push(this.token(type, start, end, str));
      return;
    }
    this.pending.push(TYPES.indexOf(type), start, end);
    if (str) this.pendingStrings.push(str);
  }

  private token(type: TokenType, start: number, end: number, str?: StringInfo): Token {
    if (str) return { type, start, end, value: str.quote, str };
    const value = type === 'newline' ? '\n' : end - start === 1 ? this.text[start] : this.text.slice(start, end);
    return { type, start, end, value };
  }

  private newline(start: number, end: number): void {
    if (this.keepLine && this.pending.length > 0) this.flushLine(start);
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.type !== 'newline') this.tokens.push(this.token('newline', start, end));
  }

  /** Makes the pending line's tokens into objects if the filter matches within it, then clears it. */
  private flushLine(lineEnd: number): void {
    const { pending } = this;
    if (this.matchesBetween(pending[1], lineEnd)) {
      let s = 0;
      for (let i = 0; i < pending.length; i += 3) {
        const type = TYPES[pending[i]];
        this.tokens.push(this.token(type, pending[i + 1], pending[i + 2], type === 'string' ? this.pendingStrings[s++] : undefined));
      }
    }
    pending.length = 0;
    this.pendingStrings.length = 0;
  }

  private matchesBetween(start: number, end: number): boolean {
    const filter = this.keepLine as RegExp;
    if (this.nextMatch < start) {
      filter.lastIndex = start;
      const m = filter.exec(this.text);
      this.nextMatch = m ? m.index : Infinity;
    }
    return this.nextMatch < end;
  }

  private lineBreak(): void {
    const len = lineBreakLength(this.text, this.pos);
    if (this.depth === 0) this.newline(this.pos, this.pos + len);
    this.pos += len;
  }

  private comment(): void {
    const start = this.pos;
    let i = start + 1;
    while (i < this.text.length && !isLineBreak(this.text.charCodeAt(i))) i++;
    this.push('comment', start, i);
    this.pos = i;
  }

  private backslash(): void {
    const len = lineBreakLength(this.text, this.pos + 1);
    if (len > 0) {
      this.pos += 1 + len; // explicit line continuation
    } else {
      this.push('op', this.pos, this.pos + 1);
      this.pos++;
    }
  }

  private number(): void {
    const { text } = this;
    const start = this.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isAsciiIdentPart(c) || c === CH_DOT) {
        i++;
      } else if ((c === 43 || c === 45) && /[eE]/.test(text[i - 1]) && !/^0[xX]/.test(text.slice(start, i))) {
        i++; // exponent sign
      } else {
        break;
      }
    }
    this.push('number', start, i);
    this.pos = i;
  }

  private nameOrString(): void {
    const { text } = this;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && isIdentPart(text, i)) i++;
    const next = text.charCodeAt(i);
    if ((next === CH_SQUOTE || next === CH_DQUOTE) && i - start <= 2) {
      const prefix = text.slice(start, i).toLowerCase();
      if (STRING_PREFIXES.has(prefix)) {
        this.string(start, prefix);
        return;
      }
    }
    this.push('name', start, i);
    this.pos = i;
  }

  private operator(): void {
    const { text } = this;
    const start = this.pos;
    const length = operatorLength(text, start);
    const op = length === 1 ? text[start] : text.slice(start, start + length);
    if (op === '(' || op === '[' || op === '{') this.depth++;
    else if ((op === ')' || op === ']' || op === '}') && this.depth > 0) this.depth--;
    this.push('op', start, start + op.length);
    this.pos = start + op.length;
  }

  /** Scans a string starting at its prefix (`start`); the quote is at `start + prefix.length`. */
  private string(start: number, prefix: string): void {
    const scan = scanString(this.text, start + prefix.length, prefix);
    this.push('string', start, scan.end, {
      prefix,
      quote: scan.quote,
      contentStart: scan.contentStart,
      contentEnd: scan.contentEnd,
      terminated: scan.terminated,
      hasPlaceholders: scan.hasPlaceholders,
    });
    this.pos = scan.end;
  }
}

interface StringScan {
  quote: string;
  contentStart: number;
  contentEnd: number;
  end: number;
  terminated: boolean;
  hasPlaceholders: boolean;
}

/**
 * Scans one string literal whose opening quote is at `q`. Iterative (no recursion on
 * nested f-strings) so that deeply nested input cannot overflow the stack.
 */
function scanString(text: string, q: number, prefix: string): StringScan {
  const quoteChar = text[q];
  const triple = text[q + 1] === quoteChar && text[q + 2] === quoteChar;
  const quote = triple ? quoteChar.repeat(3) : quoteChar;
  const contentStart = q + quote.length;
  const format = prefix.includes('f') || prefix.includes('t');
  let hasPlaceholders = false;
  let i = contentStart;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === CH_BACKSLASH) {
      const lb = lineBreakLength(text, i + 1);
      i += lb > 0 ? 1 + lb : 2;
      continue;
    }
    if (isLineBreak(c) && !triple) {
      return { quote, contentStart, contentEnd: i, end: i, terminated: false, hasPlaceholders };
    }
    if (text[i] === quoteChar && (!triple || (text[i + 1] === quoteChar && text[i + 2] === quoteChar))) {
      return { quote, contentStart, contentEnd: i, end: i + quote.length, terminated: true, hasPlaceholders };
    }
    if (format && text[i] === '{') {
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      hasPlaceholders = true;
      const fieldEnd = skipReplacementField(text, i, quote);
      if (fieldEnd < 0) {
        // The field ran into a line break of a single-quoted string or the end of text.
        const end = -fieldEnd - 1;
        return { quote, contentStart, contentEnd: end, end, terminated: false, hasPlaceholders };
      }
      i = fieldEnd;
      continue;
    }
    i++;
  }
  return { quote, contentStart, contentEnd: text.length, end: text.length, terminated: false, hasPlaceholders };
}

/**
 * Skips an f-string replacement field starting at `{` (offset `open`). Returns the offset
 * after its closing `}`, or `-(stop + 1)` when the enclosing string ends first (the outer
 * quote on the field's line for single-quoted strings, a line break, or the end of text).
 * Strings inside the field are skipped with their own quotes; a nested field's braces are
 * balanced by depth counting.
 */
function skipReplacementField(text: string, open: number, outerQuote: string): number {
  // Python 3.12 semantics: any quote inside a field starts a nested string, even the outer one.
  const outerTriple = outerQuote.length === 3;
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (isLineBreak(c) && !outerTriple) return -(i + 1);
    if (ch === '{' || ch === '(' || ch === '[') {
      depth++;
      i++;
    } else if (ch === '}' || ch === ')' || ch === ']') {
      depth--;
      i++;
      if (depth <= 0) return i;
    } else if (ch === "'" || ch === '"') {
      i = skipInnerString(text, i, outerTriple);
    } else {
      i++;
    }
  }
  return -(text.length + 1);
}

function skipInnerString(text: string, q: number, allowLines: boolean): number {
  const quoteChar = text[q];
  const triple = text[q + 1] === quoteChar && text[q + 2] === quoteChar;
  let i = q + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === CH_BACKSLASH) {
      i += 2;
      continue;
    }
    if (isLineBreak(c) && !triple && !allowLines) return i;
    if (text[i] === quoteChar && (!triple || (text[i + 1] === quoteChar && text[i + 2] === quoteChar))) {
      return i + (triple ? 3 : 1);
    }
    i++;
  }
  return text.length;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * The value a string token denotes, or undefined when it is not a constant
 * (an f-string with replacement fields, or an unterminated literal).
 * Bytes are decoded as Latin-1 code points (one character per byte).
 */
export function stringValue(text: string, token: Token): string | undefined {
  const s = token.str;
  if (!s || !s.terminated || s.hasPlaceholders) return undefined;
  // Python reads every line break inside a literal as LF, whatever the file uses.
  let body = text.slice(s.contentStart, s.contentEnd).replace(/\r\n?/g, '\n');
  const format = s.prefix.includes('f') || s.prefix.includes('t');
  if (format) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  if (s.prefix.includes('r')) return body;
  return unescape(body, s.prefix.includes('b'));
}

function unescape(body: string, bytes: boolean): string {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      i++;
      continue;
    }
    const next = body[i + 1];
    const lb = lineBreakLength(body, i + 1);
    if (lb > 0) {
      i += 1 + lb; // backslash-newline joins lines
    } else if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 2;
    } else if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
      const digits = m ? m[0] : next;
      const code = parseInt(digits, 8);
      out += String.fromCharCode(bytes ? code & 0xff : code); // b'\777' is b'\xff' in Python
      i += 1 + digits.length;
    } else {
      const hexLen = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hexLen > 0 && hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        out += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
        i += 2 + hexLen;
      } else if (!bytes && next === 'N' && body[i + 2] === '{') {
        const close = body.indexOf('}', i + 3);
        const end = close < 0 ? body.length : close + 1;
        out += body.slice(i, end); // named escapes kept verbatim: no Unicode name table here
        i = end;
      } else {
        out += '\\' + next; // unknown escapes keep their backslash, as Python does
        i += 2;
      }
    }
  }
  return out;
}
