import * as assert from 'node:assert/strict';
import {
  addPlaceholder,
  checkWritable,
  describeRefusal,
  envVarAssignments,
  isPortableEnvName,
  readEnvVar,
  upsertEnvVar,
  WRITE_REFUSALS,
  WriteOptions,
  WriteRefusal,
} from '../../src/core/dotenv/edit';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { djangoKey, expectedUpsert, Prng, randomEnv, renderEnv } from '../interop/random-env';
import { STRONG } from './helpers';

const NAME = 'SECRET_KEY';
const KEY = 'new#key$value%(x)=';
const LINE = `SECRET_KEY='${KEY}'\n`;

/** The text after writing KEY, failing if the write was refused. */
function upsert(text: string, value = KEY, name = NAME): string {
  const result = upsertEnvVar(text, name, value);
  assert.ok(result.ok, 'write refused');
  return result.text;
}

const REFUSED: ReadonlyArray<readonly [string, WriteRefusal, WriteOptions?]> = [
  ['', 'empty'],
  ['ab\0cd', 'nul'],
  ['ab\ncd', 'line-break'],
  ['ab\rcd', 'line-break'],
  ['ab\vcd', 'line-break'],
  ['ab\fcd', 'line-break'],
  ['ab\x1ecd', 'line-break'],
  ['ab\x85cd', 'line-break'],
  ['ab\u2028cd', 'line-break'],
  ['ab\u2029cd', 'line-break'],
  ['$abc', 'starts-with-dollar'],
  ['$', 'starts-with-dollar'],
  ["ab'cd", 'single-quote'],
  ['ab${DEBUG}cd', 'interpolation'],
  ['ab${', 'interpolation'],
  ['ab\\cd', 'backslash'],
  ['ab\\', 'backslash'],
  ['"abcd"', 'double-quoted'],
  ['""', 'double-quoted'],
  ['ab$DEBUG', 'dollar-name', { strict: true }],
  ['ab$_x', 'dollar-name', { strict: true }],
  ['ab$z', 'dollar-name', { strict: true }],
];

describe('checkWritable', () => {
  it('accepts Django keys and other values every loader reads back', () => {
    const values = [
      STRONG,
      `django-insecure-${STRONG}`,
      '#starts-with-hash',
      '=starts-with-equals',
      'a$b',
      'a$DEBUG',
      'ends-with-$',
      '%(name)s',
      '"only-leading',
      'only-trailing"',
      '"',
      'with spaces and\ttab',
      'café ☕',
      '{}',
    ];
    assert.deepEqual(
      values.map((v) => checkWritable(v).ok),
      values.map(() => true),
    );
  });
  it('refuses each unsafe value with its reason', () => {
    assert.deepEqual(
      REFUSED.map(([v, , opts]) => checkWritable(v, opts)),
      REFUSED.map(([, reason]) => ({ ok: false, reason })),
    );
  });
  it('refuses `$` before a name only in strict mode', () => {
    const strict = { strict: true };
    assert.deepEqual(checkWritable('ab$DEBUG'), { ok: true });
    assert.deepEqual(
      ['a$1', 'a$', 'a$-b', 'a$$', 'a$(b)', 'a$%'].map((v) => checkWritable(v, strict).ok),
      [true, true, true, true, true, true],
    );
  });
  it('tests every refusal code', () => {
    assert.deepEqual([...new Set(REFUSED.map(([, r]) => r))].sort(), [...WRITE_REFUSALS].sort());
  });
  it('reports the first reason in a fixed order', () => {
    assert.deepEqual(checkWritable("$a'b\\"), { ok: false, reason: 'starts-with-dollar' });
    assert.deepEqual(checkWritable("a'b${c}\n"), { ok: false, reason: 'line-break' });
  });
});

describe('describeRefusal', () => {
  it('explains every refusal in one sentence naming the variable and the way out', () => {
    for (const reason of WRITE_REFUSALS) {
      const message = describeRefusal(reason, 'DJANGO_SECRET_KEY');
      assert.ok(message.startsWith('The value of DJANGO_SECRET_KEY '), reason);
      assert.ok(message.endsWith(", so it can't be written to a .env file safely: rotate to a new key instead."), reason);
      assert.equal(message.split('. ').length, 1, reason);
    }
    assert.equal(new Set(WRITE_REFUSALS.map((r) => describeRefusal(r, NAME))).size, WRITE_REFUSALS.length);
  });
  it('reads as a sentence', () => {
    assert.equal(
      describeRefusal('starts-with-dollar', NAME),
      "The value of SECRET_KEY starts with '$', which django-environ reads as a reference to another variable, " +
        "so it can't be written to a .env file safely: rotate to a new key instead.",
    );
  });
});

describe('upsertEnvVar', () => {
  it('writes one single-quoted line into an empty file', () => {
    assert.equal(upsert(''), LINE);
  });
  it('appends after a final line break', () => {
    assert.equal(upsert('DEBUG=1\n'), `DEBUG=1\n${LINE}`);
    assert.equal(upsert('DEBUG=1\r\n'), `DEBUG=1\r\n${LINE}`);
  });
  it("ends the last line first, in the file's style", () => {
    assert.equal(upsert('DEBUG=1'), `DEBUG=1\n${LINE}`);
    assert.equal(upsert('A=1\r\nB=2'), `A=1\r\nB=2\r\n${LINE}`);
    assert.equal(upsert('# only a comment'), `# only a comment\n${LINE}`);
    assert.equal(upsert('A=1\nB=2\r\nC=3'), `A=1\nB=2\r\nC=3\n${LINE}`);
  });
  it('completes a trailing CR to CRLF instead of adding another line break', () => {
    assert.equal(upsert('A=1\rB=2\r'), `A=1\rB=2\r\n${LINE}`);
  });
  it('keeps every other line of a CRLF file byte for byte and ends only the key line with LF', () => {
    const text = '# db\r\nDATABASE_URL=postgres://x\r\nSECRET_KEY=old\r\n\r\nDEBUG=0\r\n';
    assert.equal(upsert(text), `# db\r\nDATABASE_URL=postgres://x\r\n${LINE}\r\nDEBUG=0\r\n`);
  });
  it('replaces an existing assignment in every form in place', () => {
    const forms = [
      'SECRET_KEY=old',
      'SECRET_KEY=',
      'export SECRET_KEY=old',
      'export\tSECRET_KEY=old',
      'SECRET_KEY = old',
      'SECRET_KEY= old',
      '  SECRET_KEY=old',
      '\t export  SECRET_KEY  =  "old"',
      "SECRET_KEY='old'",
      'SECRET_KEY="old"',
      'SECRET_KEY=`old`',
      'SECRET_KEY=old # inline comment',
      "SECRET_KEY='old' # inline comment",
      'SECRET_KEY="line one\nline two"',
      'SECRET_KEY="line one\r\nSECRET_KEY=inner\r\nline three"',
      "SECRET_KEY='line one\nline two'",
      `SECRET_KEY=${KEY}`,
    ];
    const results = forms.map((f) => upsert(`# head\n${f}\nDEBUG=1\n`));
    assert.deepEqual(
      results,
      forms.map(() => `# head\n${LINE}DEBUG=1\n`),
    );
  });
  it('replaces an assignment on the last line without a line break', () => {
    assert.equal(upsert('A=1\r\nSECRET_KEY=old'), `A=1\r\n${LINE}`);
  });
  it('keeps the first position and removes every duplicate with its line break', () => {
    const text = 'A=1\nSECRET_KEY=first\nB=2\nexport SECRET_KEY="second"\r\nC=3\n  SECRET_KEY = third\nD=4\nSECRET_KEY=last';
    assert.equal(upsert(text), `A=1\n${LINE}B=2\nC=3\nD=4\n`);
  });
  it('keeps comments, near-miss names and lines inside other values', () => {
    const text = [
      '#SECRET_KEY=old',
      '# SECRET_KEY=older',
      'MY_SECRET_KEY=a',
      'SECRET_KEY_FALLBACKS=b',
      'secret_key=c',
      'SECRET_KEYS=d',
      'CERT="-----BEGIN',
      'SECRET_KEY=inside-another-value',
      '-----END"',
      'export SECRET_KEY',
      '',
    ].join('\n');
    assert.equal(upsert(text), text + LINE);
  });
  it('replaces after a commented-out assignment', () => {
    assert.equal(upsert('#SECRET_KEY=old\nSECRET_KEY=older\nA=1\n'), `#SECRET_KEY=old\n${LINE}A=1\n`);
  });
  it('writes only the named variable', () => {
    assert.equal(upsert('SECRET_KEY=a\nDJANGO_SECRET_KEY=b\n', KEY, 'DJANGO_SECRET_KEY'), `SECRET_KEY=a\nDJANGO_SECRET_KEY='${KEY}'\n`);
  });
  it('never puts the key right behind a BOM and never adds one', () => {
    const bom = '\uFEFF';
    assert.equal(upsert(bom), `${bom}\n${LINE}`);
    assert.equal(upsert(`${bom}SECRET_KEY=old\nA=1\n`), `${bom}\n${LINE}A=1\n`);
    assert.equal(upsert(`${bom}SECRET_KEY=old\r\nA=1\r\n`), `${bom}\r\n${LINE}A=1\r\n`);
    assert.equal(upsert(`${bom}SECRET_KEY=old`), `${bom}\n${LINE}`);
    assert.equal(upsert(`${bom}# settings\n`), `${bom}# settings\n${LINE}`);
    assert.equal(upsert(`${bom}A=1`), `${bom}A=1\n${LINE}`);
    assert.equal(upsert(`${bom}A=1\nSECRET_KEY=old\n`), `${bom}A=1\n${LINE}`);
    assert.equal(upsert('\nSECRET_KEY=old\n'), `\n${LINE}`);
    assert.ok(!upsert('').startsWith(bom) && !upsert('A=1').includes(bom));
  });
  it('is idempotent', () => {
    const texts = ['', 'A=1', 'A=1\r\nB=2', '\uFEFF', '\uFEFFSECRET_KEY=old\r\n', 'SECRET_KEY=a\nSECRET_KEY=b', 'A=1\rB=2\r'];
    const once = texts.map((t) => upsert(t));
    assert.deepEqual(
      once.map((t) => upsert(t)),
      once,
    );
  });
  it('refuses unsafe values without touching the text', () => {
    assert.deepEqual(
      REFUSED.map(([v, , opts]) => upsertEnvVar('A=1\n', NAME, v, opts)),
      REFUSED.map(([, reason]) => ({ ok: false, reason })),
    );
  });
  it('writes `$` before a name unless strict', () => {
    assert.deepEqual(upsertEnvVar('', NAME, 'a$DEBUG'), { ok: true, text: "SECRET_KEY='a$DEBUG'\n" });
    assert.deepEqual(upsertEnvVar('', NAME, 'a$DEBUG', { strict: true }), { ok: false, reason: 'dollar-name' });
  });
  it('throws on names shells or django-environ would not read', () => {
    for (const name of ['', '1KEY', 'MY-KEY', 'MY.KEY', 'MY KEY', 'KEY=', 'KÉY']) {
      assert.throws(() => upsertEnvVar('', name, 'x'), RangeError, JSON.stringify(name));
      assert.throws(() => addPlaceholder('', name), RangeError, JSON.stringify(name));
    }
    assert.deepEqual(['SECRET_KEY', '_K', 'k2'].map(isPortableEnvName), [true, true, true]);
  });
});

describe('readEnvVar and envVarAssignments', () => {
  it('read the last assignment as loaders do and count them all', () => {
    const text = "SECRET_KEY=first\n#SECRET_KEY=comment\nexport SECRET_KEY = 'la#st' # note\n";
    assert.equal(readEnvVar(text, NAME), 'la#st');
    assert.equal(envVarAssignments(text, NAME), 2);
  });
  it('give undefined and 0 for a missing variable', () => {
    assert.equal(readEnvVar('MY_SECRET_KEY=x\n', NAME), undefined);
    assert.equal(envVarAssignments('MY_SECRET_KEY=x\n', NAME), 0);
  });
  it('give undefined for a value that depends on another variable', () => {
    assert.equal(readEnvVar("SECRET_KEY='$DEBUG'\n", NAME), undefined);
    assert.equal(readEnvVar('SECRET_KEY=a${B}\n', NAME), undefined);
    assert.equal(envVarAssignments('SECRET_KEY=a${B}\n', NAME), 1);
  });
  it('read back what upsertEnvVar wrote', () => {
    const written = upsert('SECRET_KEY="old"\nSECRET_KEY=older\n');
    assert.equal(readEnvVar(written, NAME) === KEY, true);
    assert.equal(envVarAssignments(written, NAME), 1);
  });
});

describe('addPlaceholder', () => {
  it('adds `NAME=` with the same line-break rules', () => {
    assert.equal(addPlaceholder('', NAME), 'SECRET_KEY=\n');
    assert.equal(addPlaceholder('DEBUG=1', NAME), 'DEBUG=1\nSECRET_KEY=\n');
    assert.equal(addPlaceholder('A=1\r\nB=2', NAME), 'A=1\r\nB=2\r\nSECRET_KEY=\n');
    assert.equal(addPlaceholder('A=1\r\n', NAME), 'A=1\r\nSECRET_KEY=\n');
    assert.equal(addPlaceholder('\uFEFF', NAME), '\uFEFF\nSECRET_KEY=\n');
    assert.equal(addPlaceholder('#SECRET_KEY=\n', NAME), '#SECRET_KEY=\nSECRET_KEY=\n');
  });
  it('leaves a file that already assigns the variable unchanged', () => {
    for (const text of ['SECRET_KEY=x', 'export SECRET_KEY=\r\n', '  SECRET_KEY = "a\nb"\n', 'SECRET_KEY=a\nSECRET_KEY=b\n']) {
      assert.equal(addPlaceholder(text, NAME), text);
    }
  });
});

describe('upsertEnvVar on 500 random files', () => {
  const rng = new Prng(0x5ec2e7);
  const cases = Array.from({ length: 500 }, (_, i) => {
    const name = i % 3 === 0 ? 'DJANGO_SECRET_KEY' : NAME;
    const key = i % 4 === 0 ? `django-insecure-${djangoKey(rng)}` : djangoKey(rng);
    const env = randomEnv(rng, { target: name });
    return { name, key, env, text: renderEnv(env) };
  });
  const written = cases.map((c) => upsert(c.text, c.key, c.name));

  it('covers the shapes that matter', () => {
    const count = (p: (c: (typeof cases)[number]) => boolean): number => cases.filter(p).length;
    const targets = (c: (typeof cases)[number]): number => c.env.lines.filter((l) => l.target).length;
    assert.ok(count((c) => c.env.bom) > 30);
    assert.ok(count((c) => c.text.includes('\r\n') && /[^\r]\n/.test(c.text)) > 30);
    assert.ok(count((c) => c.text !== '' && !c.text.endsWith('\n')) > 50);
    assert.ok(count((c) => targets(c) === 0) > 50);
    assert.ok(count((c) => targets(c) >= 2) > 50);
    assert.ok(count((c) => c.env.bom && c.env.lines[0]?.target === true) > 3);
    assert.ok(count((c) => [...c.text.replace(/^\uFEFF/, '')].some((ch) => ch.charCodeAt(0) > 0x7f)) > 100);
  });
  it('keeps every other line byte for byte and in order', () => {
    const failures = cases.flatMap((c, i) => (written[i] === expectedUpsert(c.env, `${c.name}='${c.key}'\n`) ? [] : [i]));
    assert.deepEqual(failures, []);
  });
  it('leaves the other variables as parseDotenv reads them', () => {
    const others = (text: string, name: string): string[] =>
      parseDotenv(text)
        .filter((e) => e.name !== name)
        .map((e) => JSON.stringify([e.name, e.exported, e.quote, e.value, e.trailing]));
    const failures = cases.flatMap((c, i) => (JSON.stringify(others(written[i], c.name)) === JSON.stringify(others(c.text, c.name)) ? [] : [i]));
    assert.deepEqual(failures, []);
  });
  it('reads the exact key back from a single assignment', () => {
    const failures = cases.flatMap((c, i) =>
      readEnvVar(written[i], c.name) === c.key && envVarAssignments(written[i], c.name) === 1 ? [] : [i],
    );
    assert.deepEqual(failures, []);
  });
  it('is idempotent and never adds a BOM', () => {
    const failures = cases.flatMap((c, i) => {
      const again = upsert(written[i], c.key, c.name);
      const bomOk = written[i].startsWith('\uFEFF') === c.env.bom && written[i].lastIndexOf('\uFEFF') <= 0;
      return again === written[i] && bomOk && addPlaceholder(written[i], c.name) === written[i] ? [] : [i];
    });
    assert.deepEqual(failures, []);
  });
});
