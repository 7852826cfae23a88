import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of bench/inputs.mjs these tests use. */
interface BenchInputs {
  PREFILTER_WORDS: RegExp;
  settingsModule(seed: number, options?: { lines?: number }): string;
  pythonModule(seed: number, options: { lines: number; mentions: boolean }): string;
  minifiedLine(seed: number, bytes: number): string;
  oneCharacterEdit(text: string): string;
  SCALING_INPUTS: readonly { id: string; make(bytes: number): string }[];
  workspacePlan(
    seed: number,
    spec: { files: number; totalBytes: number; secrets: number },
  ): { path: string; bytes: number; secret: boolean }[];
  renderFile(entry: { path: string; bytes: number; secret: boolean }): string;
}

// Tests run from out/test/unit; the generator is plain ESM under bench/ at the top of the checkout.
const INPUTS_URL = pathToFileURL(join(__dirname, '../../../bench/inputs.mjs')).href;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

/** Everything the benchmark generates at a small scale, in one string. */
function corpus(inputs: BenchInputs, seed: number): string {
  const plan = inputs.workspacePlan(seed, { files: 60, totalBytes: 700_000, secrets: 2 });
  return [
    inputs.settingsModule(seed),
    inputs.pythonModule(seed, { lines: 300, mentions: false }),
    inputs.pythonModule(seed, { lines: 300, mentions: true }),
    inputs.minifiedLine(seed, 5000),
    ...inputs.SCALING_INPUTS.map((input) => input.make(3000)),
    ...plan.map((entry) => `${entry.path} ${entry.bytes}\n${inputs.renderFile(entry)}`),
  ].join('\0');
}

describe('benchmark inputs', () => {
  let inputs: BenchInputs;
  before(async () => {
    inputs = (await import(INPUTS_URL)) as BenchInputs;
  });

  it('are the same bytes for the same seed, and differ for another seed', () => {
    const first = sha256(corpus(inputs, 7));
    assert.equal(sha256(corpus(inputs, 7)), first);
    assert.notEqual(sha256(corpus(inputs, 8)), first);
  });

  it('do not change unnoticed (results from before the change would not be comparable)', () => {
    assert.equal(sha256(corpus(inputs, 20240601)), '91c417ee3bf372c88b213f3d3869fe9378a5ee52f667242e1df6e15345930d60');
  });

  it('settings modules and Python modules have exactly the lines asked for', () => {
    assert.equal(lineCount(inputs.settingsModule(1)), 200);
    assert.equal(lineCount(inputs.settingsModule(2, { lines: 5000 })), 5000);
    assert.equal(lineCount(inputs.pythonModule(3, { lines: 20000, mentions: false })), 20000);
    assert.equal(lineCount(inputs.pythonModule(3, { lines: 20000, mentions: true })), 20000);
  });

  it('a settings module holds one hardcoded SECRET_KEY', () => {
    const assignments = inputs.settingsModule(1, { lines: 5000 }).split('\n').filter((l) => l.startsWith('SECRET_KEY = '));
    assert.equal(assignments.length, 1);
    assert.match(assignments[0], /^SECRET_KEY = '[^']{50}'$/);
  });

  it('only modules with mentions contain a word the prefilter looks for', () => {
    assert.equal(inputs.PREFILTER_WORDS.test(inputs.pythonModule(4, { lines: 20000, mentions: false })), false);
    assert.equal(inputs.PREFILTER_WORDS.test(inputs.pythonModule(4, { lines: 20000, mentions: true })), true);
  });

  it('the minified line and the scaling inputs have exactly the bytes asked for', () => {
    const line = inputs.minifiedLine(5, 1 << 20);
    assert.equal(line.length, 1 << 20);
    assert.equal(lineCount(line), 1);
    assert.equal(Buffer.byteLength(line), line.length);
    for (const input of inputs.SCALING_INPUTS) {
      for (const bytes of [128 * 1024, 1 << 20]) {
        assert.equal(input.make(bytes).length, bytes, input.id);
      }
    }
  });

  it('a one-character edit changes exactly one character', () => {
    const text = inputs.settingsModule(6);
    const edited = inputs.oneCharacterEdit(text);
    assert.equal(edited.length, text.length);
    assert.equal([...text].filter((c, i) => c !== edited[i]).length, 1);
  });

  it('a workspace plan has the files and total size asked for, and each file renders to its size', () => {
    const plan = inputs.workspacePlan(9, { files: 400, totalBytes: 4 * 1024 * 1024, secrets: 3 });
    assert.equal(plan.length, 400);
    assert.equal(new Set(plan.map((e) => e.path)).size, 400);
    assert.equal(plan.reduce((sum, e) => sum + e.bytes, 0), 4 * 1024 * 1024);
    assert.equal(plan.filter((e) => e.secret).length, 3);
    for (const entry of plan) {
      assert.equal(inputs.renderFile(entry).length, entry.bytes, entry.path);
    }
  });
});
