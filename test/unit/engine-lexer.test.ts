import * as assert from 'node:assert/strict';
import { analyzeText, tokenize } from '../../src/core';
import { stringValue } from '../../src/core/python/lexer';
import { STRONG } from './helpers';

function strings(text: string): Array<[string, string | undefined]> {
  return tokenize(text)
    .filter((t) => t.type === 'string')
    .map((t) => [text.slice(t.start, t.end), stringValue(text, t)]);
}

describe('lexer: strings', () => {
  it('reads every prefix in any case', () => {
    const text = "a = r'\\d' B'x' Rb'\\n' bR\"y\" u'z' F'w' fR'{{v}}' t'q'\n";
    assert.deepEqual(strings(text), [
      ["r'\\d'", '\\d'],
      ["B'x'", 'x'],
      ["Rb'\\n'", '\\n'],
      ['bR"y"', 'y'],
      ["u'z'", 'z'],
      ["F'w'", 'w'],
      ["fR'{{v}}'", '{v}'],
      ["t'q'", 'q'],
    ]);
  });
  it('decodes escapes', () => {
    assert.deepEqual(strings("x = '\\'\\\\\\x41\\u00e9\\101\\q\\N{DASH}'\n"), [
      ["'\\'\\\\\\x41\\u00e9\\101\\q\\N{DASH}'", "'\\Aé" + 'A\\q\\N{DASH}'],
    ]);
  });
  it('keeps quotes inside triple-quoted strings and spans lines', () => {
    const text = 'x = """a "b" \'c\'\nd"""\ny = 1\n';
    assert.deepEqual(strings(text), [['"""a "b" \'c\'\nd"""', 'a "b" \'c\'\nd']]);
  });
  it('an f-string with a field has no constant value, nested quotes included', () => {
    const text = "x = f'{d['k']}' + f\"{a:{w}}\" + f'{{literal}}'\n";
    assert.deepEqual(strings(text), [
      ["f'{d['k']}'", undefined],
      ['f"{a:{w}}"', undefined],
      ["f'{{literal}}'", '{literal}'],
    ]);
  });
  it('an unterminated single-quoted string stops at the line break', () => {
    const text = "x = 'abc\ny = 'd'\n";
    assert.deepEqual(strings(text), [["'abc", undefined], ["'d'", 'd']]);
  });
  it('a backslash-newline inside a string continues it', () => {
    assert.deepEqual(strings("x = 'ab\\\ncd'\n"), [["'ab\\\ncd'", 'abcd']]);
  });
});

describe('lexer: structure', () => {
  it('emits no newline inside brackets or after a continuation', () => {
    const types = tokenize('a = (1,\n 2)\nb = 1 + \\\n 2\n').map((t) => (t.type === 'newline' ? 'NL' : t.value));
    assert.deepEqual(types, ['a', '=', '(', '1', ',', '2', ')', 'NL', 'b', '=', '1', '+', '2', 'NL']);
  });
  it('treats non-ASCII identifiers as names', () => {
    const names = tokenize('clé = naïve_名前\n').filter((t) => t.type === 'name').map((t) => t.value);
    assert.deepEqual(names, ['clé', 'naïve_名前']);
  });
});

describe('engine on hostile input (never throws, finishes)', () => {
  const big = 200_000;
  const inputs: Array<[string, string]> = [
    ['only quotes', "'".repeat(big)],
    ['only triple quotes', '"""'.repeat(big / 3)],
    ['only backslashes', '\\'.repeat(big)],
    ['deep brackets', '('.repeat(big / 2) + ')'.repeat(big / 2)],
    ['deep unclosed brackets', 'SECRET_KEY = ' + '['.repeat(big)],
    ['unary chain', 'SECRET_KEY = ' + '-'.repeat(big) + '1'],
    ['conditional chain', 'SECRET_KEY = ' + "'a' if x else ".repeat(20_000) + "'b'"],
    ['plus chain', 'SECRET_KEY = ' + "'a' + ".repeat(50_000) + "'b'"],
    ['NUL and lone surrogates', `SECRET_KEY = '\u0000\uD800x'\n\uDC00\u0000`],
    ['mixed line breaks and a BOM inside', `a = 1\r\nb = 2\r\uFEFFSECRET_KEY = '${STRONG}'\n`],
    ['unterminated f-string field', "SECRET_KEY = f'{" + 'x'.repeat(big)],
  ];
  for (const [title, text] of inputs) {
    it(title, () => {
      const findings = analyzeText('settings.py', text);
      assert.ok(Array.isArray(findings));
    });
  }
  it('a long + chain of literals is still one literal', () => {
    const text = 'SECRET_KEY = ' + "'ab' + ".repeat(30) + "'c'\n";
    const [f] = analyzeText('settings.py', text);
    assert.equal(f.rule, 'hardcoded-secret-key');
    assert.deepEqual(f.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 13 + 30 * 7 + 3 } });
    assert.deepEqual(f.weaknesses, ['too-few-unique-characters']);
  });
});

describe('lexer: values as Python reads them', () => {
  it('line breaks inside literals read as LF, also in raw strings', () => {
    assert.deepEqual(strings("x = '''a\r\nb\rc'''\ny = r'\\\r\nz'\n"), [
      ["'''a\r\nb\rc'''", 'a\nb\nc'],
      ["r'\\\r\nz'", '\\\nz'],
    ]);
  });
  it('an octal escape in bytes keeps the low byte', () => {
    assert.deepEqual(strings("x = b'\\777\\101'\n"), [["b'\\777\\101'", '\xffA']]);
  });
});

describe('suppression and .env comments on big inputs', () => {
  it('a comment far above a long fallback list is still found only on its own lines', () => {
    const text = '# nosec\nSECRET_KEY_FALLBACKS = [\n' + "'a',\n".repeat(5000) + ']\n';
    assert.equal(analyzeText('settings.py', text).length, 5000);
  });
});
