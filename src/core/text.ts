import { Position, Range } from './types';

/**
 * Maps UTF-16 offsets in a document to VS Code positions.
 * Line breaks are LF, CRLF and lone CR (as VS Code counts them).
 * A leading U+FEFF byte-order mark is not part of any column: VS Code strips it
 * from the document text, so positions on line 0 are counted after it.
 */
export class LineMap {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a zero-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: Math.max(0, offset - this.starts[line]) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
