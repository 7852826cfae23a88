// Robustness under bad input: the lexer, the rules and the .env parser never throw and never
// hang on any text, and what they return is well-formed.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, tokenize } from '../../src/core';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { hostileBinding, hostileSettings, hostileText } from '../property/hostile';
import { assertWellFormedEntries, assertWellFormedFindings, assertWellFormedTokens } from '../property/invariants';
import { PATHOLOGICAL, Target, TARGETS } from '../property/pathological';
import { asJson, checkProperty, DEEP_RUNS, timeLimit } from '../property/run';
import { runUnderWatchdog } from '../property/watchdog';

const anyText = fc.oneof(
  hostileText(),
  hostileSettings(),
  fc.array(hostileBinding(), { minLength: 1, maxLength: 4 }).chain((b) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => b.join(eol))),
);

describe('property: arbitrary text', function () {
  this.timeout(timeLimit(20_000));

  it('analyzeText on a .py path never throws and reports findings inside the text, on literals', () => {
    checkProperty(
      fc.property(anyText, (text) => assertWellFormedFindings(text, analyzeText('mysite/settings.py', text), 'python')),
      { runs: 1500, show: asJson },
    );
  });

  it('analyzeText on a .env path never throws and reports findings inside the text', () => {
    checkProperty(
      fc.property(anyText, (text) => assertWellFormedFindings(text, analyzeText('.env', text), 'dotenv')),
      { runs: 1500, show: asJson },
    );
  });

  it('tokenize never throws; tokens are in order and cover every character that is not blank', () => {
    checkProperty(
      fc.property(anyText, (text) => assertWellFormedTokens(text, tokenize(text))),
      { runs: 1500, show: asJson },
    );
  });

  it('parseDotenv never throws; entries are in order and agree with the text', () => {
    checkProperty(
      fc.property(anyText, (text) => assertWellFormedEntries(text, parseDotenv(text))),
      { runs: 1500, show: asJson },
    );
  });
});

describe('watchdog: 1 MB pathological inputs finish (20 s limit each, in worker threads; all of them in a deep run)', function () {
  // Only a hang fails: the limit is far above the time any of these takes on a slow machine.
  const LIMIT_MS = 20_000;
  this.timeout(DEEP_RUNS === undefined ? 10 * 60_000 : 0);

  it('analyzeText (.py and .env), tokenize and parseDotenv on every input', async () => {
    const inputs = PATHOLOGICAL.filter((p) => DEEP_RUNS !== undefined || !p.deepOnly);
    // analyzeText on a .py path tokenizes the whole input (each holds SECRET_KEY), so tokenize on its
    // own runs in a deep run, or where analyzeText is left out.
    const wanted = (p: (typeof inputs)[number], t: Target): boolean =>
      p.knownSlow?.[t] === undefined && (t !== 'tokenize' || DEEP_RUNS !== undefined || p.knownSlow?.['analyzeText .py'] !== undefined);
    const jobs = inputs.map((p) => ({ input: p.name, targets: TARGETS.filter((t) => wanted(p, t)) }));
    const outcomes = await runUnderWatchdog(jobs, LIMIT_MS);
    const problems = outcomes.filter((o) => !o.result.ok).map((o) => `${o.input} / ${o.target}: ${o.result.ok ? '' : o.result.problem}`);
    assert.deepEqual(problems, []);
    assert.equal(outcomes.length, jobs.reduce((n, j) => n + j.targets.length, 0));
  });
});
