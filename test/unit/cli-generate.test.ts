import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_COUNT } from '../../src/cli/generate';
import { KEY_FORMAT_INFO, KEY_FORMATS, KeyFormat } from '../../src/core/keys/generate';
import { keyWeaknesses } from '../../src/core/keys/strength';
import { runCli } from './cli-harness';

// Assertion messages name formats, counts and line numbers, never a generated key.

const CLI = join(__dirname, '../../../dist/cli.js');

/** The printed keys, after checking the output is `count` lines, each ended by one LF. */
function outputLines(stdout: string, count: number): string[] {
  assert.ok(stdout.endsWith('\n'), 'output does not end with a line break');
  const lines = stdout.slice(0, -1).split('\n');
  assert.equal(lines.length, count, 'number of lines');
  return lines;
}

function assertKeys(lines: readonly string[], format: KeyFormat): void {
  const info = KEY_FORMAT_INFO[format];
  lines.forEach((key, i) => {
    assert.equal(key.length, info.length, `${format} line ${i + 1}: length`);
    assert.ok([...key].every((c) => info.alphabet.includes(c)), `${format} line ${i + 1}: a character outside the alphabet`);
    assert.ok(!key.startsWith('$'), `${format} line ${i + 1}: starts with $`);
    if (info.djangoSecretKey) assert.deepEqual(keyWeaknesses(key), [], `${format} line ${i + 1}: W009`);
  });
  assert.equal(new Set(lines).size, lines.length, `${format}: repeated keys`);
}

function usageError(message: string): string {
  return `django-secret-hygiene: ${message}\nRun 'django-secret-hygiene generate --help' for usage.\n`;
}

describe('cli generate', () => {
  it('prints one Django key and a line break by default', async () => {
    const run = await runCli(['generate']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assertKeys(outputLines(run.stdout, 1), 'django');
  });

  for (const format of KEY_FORMATS) {
    it(`prints --count keys of --format ${format}, one a line`, async () => {
      const run = await runCli(['generate', '--count', '25', `--format=${format}`]);
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      assertKeys(outputLines(run.stdout, 25), format);
    });
  }

  it(`prints up to ${MAX_COUNT} keys, all different`, async () => {
    const run = await runCli(['generate', '--format', 'shell-safe', '--count', String(MAX_COUNT)]);
    assert.equal(run.code, 0);
    assertKeys(outputLines(run.stdout, MAX_COUNT), 'shell-safe');
  });

  it('accepts options in any order', async () => {
    const run = await runCli(['generate', '--format', 'hex', '--count=2']);
    assert.equal(run.code, 0);
    assertKeys(outputLines(run.stdout, 2), 'hex');
  });

  const badArguments: readonly [readonly string[], string][] = [
    [['--count', '0'], "invalid --count '0' (expected a whole number from 1 to 10000)"],
    [['--count', '10001'], "invalid --count '10001' (expected a whole number from 1 to 10000)"],
    [['--count', '1.5'], "invalid --count '1.5' (expected a whole number from 1 to 10000)"],
    [['--count', '1e3'], "invalid --count '1e3' (expected a whole number from 1 to 10000)"],
    [['--count', ' 3'], "invalid --count ' 3' (expected a whole number from 1 to 10000)"],
    [['--count', 'three'], "invalid --count 'three' (expected a whole number from 1 to 10000)"],
    [['--count', '-1'], "option '--count' needs a value (N)"],
    [['--count'], "option '--count' needs a value (N)"],
    [['--count='], "option '--count' needs a value (N)"],
    [['--count', '2', '--count', '3'], "option '--count' given more than once"],
    [['--format', 'Django'], "invalid --format 'Django' (expected django, shell-safe, fernet, hex)"],
    [['--format', 'base64'], "invalid --format 'base64' (expected django, shell-safe, fernet, hex)"],
    [['--format', 'toString'], "invalid --format 'toString' (expected django, shell-safe, fernet, hex)"],
    [['--format'], "option '--format' needs a value (FORMAT)"],
    [['-n', '3'], "unknown option '-n'"],
    [['--length', '60'], "unknown option '--length'"],
    [['3'], "unexpected argument '3'"],
  ];
  for (const [args, message] of badArguments) {
    it(`exits 2 with a usage error and prints no key on: generate ${args.join(' ')}`, async () => {
      assert.deepEqual(await runCli(['generate', ...args]), { code: 2, stdout: '', stderr: usageError(message) });
    });
  }

  it('describes every format, with its length and entropy, on --help', async () => {
    const run = await runCli(['generate', '--help']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: django-secret-hygiene generate \[--count N\] \[--format FORMAT\]\n/);
    for (const format of KEY_FORMATS) {
      const info = KEY_FORMAT_INFO[format];
      assert.ok(run.stdout.includes(`\n  ${format.padEnd(12)}${info.length} characters, ${Math.floor(info.bits)} bits`), format);
    }
    assert.ok(run.stdout.split('\n').every((line) => line.length <= 78), 'a help line is wider than 78 columns');
  });

  it('is listed in the top-level help', async () => {
    const run = await runCli(['--help']);
    assert.match(run.stdout, /\n {2}generate +print new random secret keys\n/);
  });

  it('runs from the built binary (dist/cli.js)', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    const result = spawnSync(process.execPath, [CLI, 'generate', '--count', '3', '--format', 'fernet'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '');
    assertKeys(outputLines(result.stdout, 3), 'fernet');
  });
});
