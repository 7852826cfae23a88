// Findings are stable under irrelevant edits: the exact range of a key in every binding form
// and literal style, shifted exactly by lines added before it, and the same for LF, CRLF and CR.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, Finding } from '../../src/core';
import { lineStarts } from '../property/invariants';
import { anyKey, expectedFingerprint, expectedWeaknesses } from '../property/keys';
import { pythonLiteralValues } from '../property/python';
import { checkProperty, runs, SEED, timeLimit } from '../property/run';
import { buildModule, filler, FILLER, KEY_FORMS, literalChoice, renderLiteral, SettingsModule, withEol } from '../property/settings';

const PATH = 'mysite/settings.py';

const moduleCase = fc.record({
  form: fc.constantFrom(...KEY_FORMS),
  key: anyKey,
  literal: literalChoice,
  before: filler,
  after: filler,
});
type ModuleCase = typeof moduleCase extends fc.Arbitrary<infer T> ? T : never;

function build(c: ModuleCase): SettingsModule {
  return buildModule(c.form, renderLiteral(c.key, c.literal), c.before, c.after);
}

/** A case without the key: the form, the literal style and the filler, by index. */
function show(c: ModuleCase): string {
  return JSON.stringify({
    form: c.form.title,
    literal: c.literal,
    keyLength: c.key.length,
    keyFingerprint: expectedFingerprint(c.key),
    before: c.before.map((l) => FILLER.indexOf(l)),
    after: c.after.map((l) => FILLER.indexOf(l)),
  });
}

function position(starts: readonly number[], offset: number): { line: number; character: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

function shifted(f: Finding, lines: number): Finding {
  const move = (p: { line: number; character: number }) => ({ line: p.line + lines, character: p.character });
  return { ...f, range: { start: move(f.range.start), end: move(f.range.end) } };
}

describe('property: findings are exact and stable', function () {
  this.timeout(timeLimit(20_000));

  it('one finding with the exact range, rule, name, fingerprint and weaknesses, in every binding form and literal style', () => {
    checkProperty(
      fc.property(moduleCase, (c) => {
        const m = build(c);
        const starts = lineStarts(m.text);
        const findings = analyzeText(PATH, m.text);
        assert.equal(findings.length, 1, `${findings.length} findings: ${findings.map((f) => f.rule).join(', ')}`);
        const [f] = findings;
        assert.deepEqual(
          { rule: f.rule, name: f.name, range: f.range, fingerprint: f.fingerprint, weaknesses: f.weaknesses },
          {
            rule: m.form.rule,
            name: m.form.name,
            range: { start: position(starts, m.start), end: position(starts, m.end) },
            fingerprint: expectedFingerprint(c.key),
            weaknesses: expectedWeaknesses(c.key),
          },
        );
      }),
      { runs: 1500, show: ([c]) => show(c) },
    );
  });

  it('lines added before the key (comments, blank lines, statements) shift its finding by exactly that many lines', () => {
    const inserted = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 5 });
    checkProperty(
      fc.property(moduleCase, inserted, fc.boolean(), (c, extra, atTop) => {
        const base = build(c);
        const added = extra.map((l) => l + '\n').join('');
        const lines = (added.match(/\n/g) ?? []).length;
        // At the very top, or just before the form (after its imports and filler).
        const at = atTop ? 0 : headLength(c);
        const edited = base.text.slice(0, at) + added + base.text.slice(at);
        const expected = analyzeText(PATH, base.text).map((f) => shifted(f, lines));
        assert.deepEqual(analyzeText(PATH, edited), expected);
        // And lines added after it change nothing at all.
        assert.deepEqual(analyzeText(PATH, base.text + added), analyzeText(PATH, base.text));
      }),
      { runs: 1000, show: ([c, extra, atTop]) => `${show(c)} inserted ${JSON.stringify(extra.map((l) => FILLER.indexOf(l)))} ${atTop ? 'at the top' : 'before the key'}` },
    );
  });

  it('LF, CRLF and CR line breaks give the same findings at the same positions', () => {
    checkProperty(
      fc.property(moduleCase, fc.constantFrom('\r\n', '\r'), fc.boolean(), (c, eol, bom) => {
        const text = (bom ? '\uFEFF' : '') + build(c).text;
        assert.deepEqual(analyzeText(PATH, withEol(text, eol)), analyzeText(PATH, text));
      }),
      { runs: 1000, show: ([c, eol, bom]) => `${show(c)} eol ${JSON.stringify(eol)}${bom ? ' with a BOM' : ''}` },
    );
  });
});

/** Offset where the form starts in a built module: after the needed imports and the filler before it. */
function headLength(c: ModuleCase): number {
  return [...c.form.needs, ...c.before].map((l) => l + '\n').join('').length;
}

/** Pieces of a literal's body: characters, every kind of escape (valid or not), fields, breaks. */
const BODY_PIECES = [
  'a', 'Z', '0', ' ', '#', '$', '{', '}', '{{', '}}', '{x}', 'é', '😀', '\t', "'", '"',
  '\\\\', "\\'", '\\"', '\\n', '\\t', '\\r', '\\a', '\\b', '\\f', '\\v', '\\0', '\\7', '\\101', '\\377',
  '\\400', '\\777', '\\8', '\\x41', '\\xff', '\\x4', '\\u00e9', '\\u20ac', '\\uD800', '\\U0001F600', '\\U00110000',
  '\\q', '\\ ', '\\\n', '\\\r\n', '\n', '\r\n',
  // Not '\\N{...}': named escapes are kept verbatim by design (the engine has no Unicode name table).
];
const PREFIXES = ['', '', 'r', 'R', 'u', 'U', 'b', 'B', 'f', 'F', 'rb', 'bR', 'Rb', 'fr', 'rF'];

const literalSource = fc
  .array(
    fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom("'", '"', "'''", '"""'), fc.array(fc.constantFrom(...BODY_PIECES), { maxLength: 8 })),
    { minLength: 1, maxLength: 3 },
  )
  .chain((parts) =>
    fc.constantFrom(' ', ' + ', '\n').map((sep) => {
      const pieces = parts.map(([prefix, quote, body]) => prefix + quote + body.join('') + quote);
      return sep === '\n' ? `(${pieces.join('\n')})` : pieces.join(sep);
    }),
  );

describe('property: the value behind a fingerprint is the value Python reads', function () {
  this.timeout(timeLimit(30_000));

  it('for literals with every prefix, quote, escape and continuation that Python accepts', () => {
    const sources = fc.sample(literalSource, { seed: SEED, numRuns: runs(3000) });
    const values = pythonLiteralValues(sources);
    assert.equal(values.length, sources.length);
    const accepted = sources.map((source, i) => ({ source, value: values[i].value })).filter((c): c is { source: string; value: string } => c.value !== undefined);
    assert.ok(accepted.length > sources.length / 4, `Python accepts only ${accepted.length} of ${sources.length} literals`);
    const wrong = accepted
      .filter(({ source, value }) => {
        const found = analyzeText(PATH, `SECRET_KEY = ${source}\n`).filter((f) => f.rule === 'hardcoded-secret-key');
        return found.length !== 1 || found[0].fingerprint !== expectedFingerprint(value);
      })
      .sort((a, b) => a.source.length - b.source.length);
    assert.deepEqual(
      wrong.slice(0, 5).map((w) => `${JSON.stringify(w.source)} is ${JSON.stringify(w.value)} in Python`),
      [],
      `${wrong.length} of ${accepted.length} literals (the five shortest are shown)`,
    );
  });
});
