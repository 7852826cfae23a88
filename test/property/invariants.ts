/**
 * What any output of the engine must look like, whatever the input: findings inside the
 * document and covering a literal, tokens in order and covering every character that is not
 * blank, .env entries whose offsets agree with the text.
 */
import * as assert from 'node:assert/strict';
import { Finding, RULE_IDS } from '../../src/core';
import { EnvEntry } from '../../src/core/dotenv/parse';
import { Token } from '../../src/core/python/lexer';

/** Line starts as VS Code counts them (LF, CRLF, lone CR), written independently of the engine's LineMap. */
export function lineStarts(text: string): number[] {
  const starts = [text.startsWith('\uFEFF') ? 1 : 0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

/** The text between a line's start and its line break. */
export function lineText(text: string, starts: readonly number[], line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  return text.slice(starts[line], end).replace(/(\r\n|\r|\n)$/, '');
}

export function offsetOf(starts: readonly number[], p: { line: number; character: number }): number {
  return starts[p.line] + p.character;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const WEAKNESSES = new Set(['django-insecure-prefix', 'too-short', 'too-few-unique-characters']);

export function assertWellFormedFindings(text: string, findings: readonly Finding[], kind: 'python' | 'dotenv'): void {
  const starts = lineStarts(text);
  findings.forEach((f, i) => {
    const where = `finding ${i} (${f.rule})`;
    assert.ok((RULE_IDS as readonly string[]).includes(f.rule), `${where}: unknown rule`);
    assert.ok(SEVERITIES.has(f.severity), `${where}: severity ${f.severity}`);
    assert.match(f.fingerprint, /^sha256:[0-9a-f]{8}$/, `${where}: fingerprint`);
    assert.ok(f.message.length > 0 && f.name.length > 0, `${where}: empty message or name`);
    assert.ok(f.weaknesses.every((w) => WEAKNESSES.has(w)), `${where}: weaknesses`);
    const { start, end } = f.range;
    for (const p of [start, end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < starts.length, `${where}: line ${p.line} of ${starts.length}`);
      const length = lineText(text, starts, p.line).length;
      assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= length, `${where}: column ${p.character} past ${length}`);
    }
    const from = offsetOf(starts, start);
    const to = offsetOf(starts, end);
    assert.ok(from < to, `${where}: empty or reversed range`);
    const covered = text.slice(from, to);
    if (kind === 'python' && f.rule !== 'unstable-secret-key') {
      assert.match(covered, /^[A-Za-z]{0,2}['"]/, `${where}: range does not start at a string literal`);
      assert.match(covered, /['"]$/, `${where}: range does not end at a closing quote`);
    }
  });
}

const GAP = new Set([' ', '\t', '\f', '\r', '\n']);

export function assertWellFormedTokens(text: string, tokens: readonly Token[]): void {
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  const gap = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      if (GAP.has(text[i])) continue;
      if (text[i] === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) continue;
      assert.fail(`character ${i} (U+${text.charCodeAt(i).toString(16).padStart(4, '0')}) is in no token`);
    }
  };
  tokens.forEach((t, i) => {
    const where = `token ${i} (${t.type} ${t.start}-${t.end})`;
    assert.ok(t.start >= pos && t.end >= t.start && t.end <= text.length, `${where}: out of order or outside the text (previous end ${pos})`);
    gap(pos, t.start);
    const source = text.slice(t.start, t.end);
    if (t.type === 'newline') {
      assert.ok(/^(\r\n|\r|\n)?$/.test(source), `${where}: a newline token over ${JSON.stringify(source)}`);
    } else {
      assert.ok(t.end > t.start, `${where}: empty`);
    }
    if (t.type === 'name' || t.type === 'op' || t.type === 'number' || t.type === 'comment') {
      assert.equal(t.value, source, `${where}: value differs from its source`);
    }
    if (t.type === 'string') {
      const s = t.str;
      assert.ok(s, `${where}: no string info`);
      assert.equal(source.slice(0, s.prefix.length).toLowerCase(), s.prefix, `${where}: prefix`);
      assert.equal(source.slice(s.prefix.length, s.prefix.length + s.quote.length), s.quote, `${where}: opening quote`);
      assert.equal(s.contentStart, t.start + s.prefix.length + s.quote.length, `${where}: content start`);
      assert.ok(s.contentEnd >= s.contentStart && s.contentEnd <= t.end, `${where}: content end`);
      if (s.terminated) assert.equal(text.slice(s.contentEnd, t.end), s.quote, `${where}: closing quote`);
    }
    pos = t.end;
  });
  gap(pos, text.length);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function assertWellFormedEntries(text: string, entries: readonly EnvEntry[]): void {
  let previousEnd = -1;
  entries.forEach((e, i) => {
    const where = `entry ${i} (${e.name})`;
    assert.match(e.name, NAME, `${where}: name`);
    assert.ok(e.lineStart > previousEnd, `${where}: overlaps the previous entry`);
    assert.ok(e.lineStart <= e.valueStart && e.valueStart <= e.valueEnd && e.valueEnd <= e.lineEnd && e.lineEnd <= text.length, `${where}: offsets`);
    assert.ok(text.slice(e.lineStart, e.valueStart).includes(e.name), `${where}: the name is not before the value`);
    assert.equal(e.trailing, text.slice(e.valueEnd, e.lineEnd), `${where}: trailing text`);
    const written = text.slice(e.valueStart, e.valueEnd);
    if (e.quote !== '') {
      assert.ok(written.startsWith(e.quote) && written.endsWith(e.quote) && written.length >= 2, `${where}: quotes`);
    } else if (e.value !== undefined) {
      assert.equal(e.value, written, `${where}: unquoted value differs from the text`);
      assert.ok(!/[\r\n]/.test(written), `${where}: an unquoted value spans lines`);
    }
    previousEnd = e.lineEnd;
  });
}
