/**
 * A lossless reading of .env text: every line keeps its offsets, so an editor can
 * replace one assignment and leave every other byte alone. Understands `export NAME=`,
 * spaces around `=`, indented names, single/double/backtick quotes (also spanning lines),
 * inline comments after unquoted values, CRLF/CR line breaks and a leading BOM.
 */

export interface EnvEntry {
  /** The variable name. */
  readonly name: string;
  readonly exported: boolean;
  /** Offset of the first character of the entry's first line (after a BOM on line 0). */
  readonly lineStart: number;
  /** Offset just past the entry's last line, line break excluded. */
  readonly lineEnd: number;
  /** Offsets of the value as written, quotes included. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** `'`, `"`, `` ` `` or `` (unquoted). */
  readonly quote: string;
  /** The value as loaders would read it, or undefined when it depends on other variables. */
  readonly value: string | undefined;
  /** Whatever follows the value on its last line (an inline comment, spaces). */
  readonly trailing: string;
}

const NAME_LINE = /^[ \t]*(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

export function parseDotenv(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos <= text.length) {
    const lineEnd = endOfLine(text, pos);
    const m = NAME_LINE.exec(text.slice(pos, lineEnd));
    if (m) {
      const entry = readEntry(text, pos, lineEnd, m);
      entries.push(entry);
      pos = entry.lineEnd;
    } else {
      pos = lineEnd;
    }
    if (pos >= text.length) break;
    pos += text[pos] === '\r' && text[pos + 1] === '\n' ? 2 : 1;
  }
  return entries;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function readEntry(text: string, lineStart: number, lineEnd: number, m: RegExpExecArray): EnvEntry {
  const valueStart = lineStart + m[0].length;
  const quote = text[valueStart];
  const base = { name: m[2], exported: m[1] !== undefined, lineStart, valueStart };
  if (quote === "'" || quote === '"' || quote === '`') {
    const close = findClosingQuote(text, valueStart + 1, quote);
    if (close >= 0) {
      const end = endOfLine(text, close);
      const raw = text.slice(valueStart + 1, close);
      return {
        ...base,
        lineEnd: end,
        valueEnd: close + 1,
        quote,
        value: quotedValue(raw, quote),
        trailing: text.slice(close + 1, end),
      };
    }
  }
  const rest = text.slice(valueStart, lineEnd);
  const comment = /(^|[ \t])#/.exec(rest);
  const raw = (comment ? rest.slice(0, comment.index) : rest).replace(/[ \t]+$/, '');
  return {
    ...base,
    lineEnd,
    valueEnd: valueStart + raw.length,
    quote: '',
    value: dependsOnOtherVariables(raw) ? undefined : raw,
    trailing: rest.slice(raw.length),
  };
}

/** The closing quote's offset (escaped quotes skipped in double quotes), or -1. */
function findClosingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') {
      i++;
    } else if (text[i] === quote) {
      return i;
    }
  }
  return -1;
}

function quotedValue(raw: string, quote: string): string | undefined {
  if (quote === "'") return dependsOnOtherVariables(raw) ? undefined : raw.replace(/\\([\\'])/g, '$1');
  if (quote === '`') return raw;
  if (dependsOnOtherVariables(raw)) return undefined;
  return raw.replace(/\\([\\"nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/**
 * `${NAME}` is expanded by python-dotenv (even in single quotes) and a leading `$` makes
 * django-environ read another variable: the value as written is not what Django gets.
 */
function dependsOnOtherVariables(raw: string): boolean {
  return raw.startsWith('$') || raw.includes('${');
}
