// Refactorings keep Python valid: for generated settings modules, every loader and both fixes of
// a literal fallback, the plan is ok or a documented refusal, the rewritten module parses with
// Python, the key is gone, and each needed name is imported exactly once, before it is used.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../src/core';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { applyEdits } from '../../src/core/refactor/edits';
import { Loader, LOADERS } from '../../src/core/refactor/loaders';
import { FileChange, MoveToEnvInput, planMoveToEnv } from '../../src/core/refactor/moveToEnv';
import { hostileText } from '../property/hostile';
import { asciiKey, expectedFingerprint, piecesOf } from '../property/keys';
import { buildCase, expectedRefusals, RefactorCase, refactorCase, showCase } from '../property/projects';
import { pythonReports, PythonReport, requirePython } from '../property/python';
import { checkProperty, runs, timeLimit } from '../property/run';
import { buildModule, literalChoice, MOVABLE_FORMS, renderLiteral } from '../property/settings';

const REPLACEMENT = /^required_env\("([A-Za-z_][A-Za-z0-9_]*)"\)$/;

const LOADER_IMPORT: Record<Loader, string | undefined> = {
  dotenv: 'from dotenv import load_dotenv',
  decouple: 'from decouple import config',
  environ: 'import environ',
  os: undefined,
};
const WATCHED_IMPORTS = [
  'import os',
  'from pathlib import Path',
  'from django.core.exceptions import ImproperlyConfigured',
  'from dotenv import load_dotenv',
  'from decouple import config',
  'import environ',
];

function inputFor(c: RefactorCase, loader: Loader, writeEnv: boolean): { input: MoveToEnvInput; text: string; variable: string } {
  const built = buildCase(c);
  const input: MoveToEnvInput = {
    settings: { path: c.path, text: built.text },
    offset: built.offset,
    loader,
    ...(c.newKey === undefined ? {} : { newKey: c.newKey }),
    writeEnv,
    variableName: c.variableName,
    env: { path: c.envPath, text: built.envText },
    example: { path: '.env.example', text: undefined },
    gitignore: { path: '.gitignore', text: '*.pyc\n' },
    envIgnored: false,
    dependencies: [{ path: 'requirements.txt', text: 'Django>=4.2\n' }],
  };
  return { input, text: built.text, variable: built.variable };
}

/** Checks that need no Python; returns the rewritten settings text. */
function checkPlan(c: RefactorCase, loader: Loader, writeEnv: boolean): string | undefined {
  const { input, text, variable } = inputFor(c, loader, writeEnv);
  const plan = planMoveToEnv(input);
  const refusals = expectedRefusals(c, writeEnv, loader);
  if (!plan.ok) {
    assert.ok(refusals.length > 0, `refused without a reason to: ${plan.reason}`);
    assert.ok(refusals.some((r) => r.test(plan.reason)), `an unexpected refusal: ${plan.reason}`);
    assert.ok(!piecesOf(c.key).some((p) => plan.reason.includes(p)), 'the refusal quotes the key');
    return undefined;
  }
  assert.deepEqual(refusals.map(String), [], 'the plan did not refuse');
  assert.equal(plan.variable, variable, 'variable');
  const settings = plan.changes.find((ch) => ch.path === c.path);
  assert.ok(settings, 'no change to the settings');
  assert.equal(applyEdits(text, settings.edits), settings.newText, 'the edits do not give the new text');
  checkEdits(text, settings, variable, c.crlf ? '\r\n' : '\n');
  const after = settings.newText;
  assert.deepEqual(analyzeText(c.path, after).map((f) => `${f.rule} ${f.range.start.line}`), [], 'findings left in the rewritten settings');
  assert.ok(!piecesOf(c.key).some((p) => after.includes(p)), 'a piece of the key is still in the settings');
  assert.equal(after.split('def required_env(').length - 1, 1, 'def required_env( is not there exactly once');
  const env = plan.changes.find((ch) => ch.path === c.envPath);
  if (c.form.rule === 'secret-key-env-default' && !writeEnv) {
    assert.equal(env, undefined, '.env changed although the fallback was only removed');
  } else {
    checkEnv(c, env, input.env.text, variable);
  }
  return after;
}

/** One replacement by `required_env("VAR")`; every other edit inserts whole lines with the file's line breaks. */
function checkEdits(text: string, change: FileChange, variable: string, eol: string): void {
  const replacements = change.edits.filter((e) => REPLACEMENT.test(e.newText));
  assert.equal(replacements.length, 1, 'not exactly one replacement');
  assert.equal(REPLACEMENT.exec(replacements[0].newText)?.[1], variable);
  for (const e of change.edits) {
    if (e === replacements[0]) continue;
    assert.equal(e.start, e.end, 'an edit other than the replacement removes text');
    const atLineStart = e.start === 0 || (e.start === 1 && text.startsWith('\uFEFF')) || /[\r\n]$/.test(text.slice(0, e.start));
    assert.ok(atLineStart, `an insertion at ${e.start} is not at a line start`);
    assert.ok(e.newText.endsWith(eol), 'an insertion does not end with the line break of the file');
    const foreign = eol === '\n' ? /\r/ : /\n(?<!\r\n)|\r(?!\n)/;
    assert.ok(!foreign.test(e.newText), `an insertion mixes line breaks into a ${JSON.stringify(eol)} file`);
  }
}

function checkEnv(c: RefactorCase, env: FileChange | undefined, before: string | undefined, variable: string): void {
  const value = c.newKey ?? c.key;
  const text = env?.newText ?? before;
  assert.ok(text !== undefined, 'no .env written');
  if (before === undefined) assert.ok(env?.create && env.ownerOnly, 'a new .env is not created owner-only');
  const entries = parseDotenv(text);
  const mine = entries.filter((e) => e.name === variable);
  assert.equal(mine.length, 1, `${mine.length} entries for the variable in .env`);
  assert.ok(mine[0].value === value, `.env does not read back the key (fingerprint ${expectedFingerprint(mine[0].value ?? '')})`);
  const names = new Set(entries.map((e) => e.name));
  for (const e of before === undefined ? [] : parseDotenv(before)) assert.ok(names.has(e.name), `.env lost ${e.name}`);
}

interface PythonCheck {
  readonly show: string;
  /** The original module binds names or loads .env after the key: the fix adds its own, earlier. */
  readonly lateSetup: boolean;
  readonly loader: Loader;
  readonly original: string;
  readonly rewritten: string;
}

/** Import-time facts Python reports for the rewritten module, compared with the original's. */
function pythonProblems(check: PythonCheck, original: PythonReport, rewritten: PythonReport): string[] {
  const problems: string[] = [];
  if (original.error !== null) return [`the generated module does not parse: ${original.error}`];
  if (rewritten.error !== null) return [`the rewritten module does not parse: ${rewritten.error}`];
  if (rewritten.docstring !== original.docstring) problems.push('the module docstring changed');
  if (rewritten.helperDefs !== 1) problems.push(`${rewritten.helperDefs} top-level definitions of required_env`);
  for (const line of WATCHED_IMPORTS) {
    const n = rewritten.imports[line] ?? 0;
    const allowed = Math.max(1, original.imports[line] ?? 0) + (check.lateSetup ? 1 : 0);
    if (n > allowed) problems.push(`${n} times: ${line}`);
  }
  const needed = ['from django.core.exceptions import ImproperlyConfigured'];
  if (check.loader === 'dotenv' || check.loader === 'os') needed.push('import os');
  const loaderImport = LOADER_IMPORT[check.loader];
  if (loaderImport && (original.imports[loaderImport] ?? 0) === 0 && !(check.loader === 'environ' && /\benv = environ\.Env\(/.test(check.original) && check.original.includes('import environ'))) {
    needed.push(loaderImport);
  }
  for (const line of needed) {
    const wanted = Math.max(1, original.imports[line] ?? 0);
    if ((rewritten.imports[line] ?? 0) !== wanted) problems.push(`not ${wanted === 1 ? 'exactly once' : `${wanted} times as before`}: ${line}`);
  }
  const newlyUndefined = rewritten.undefinedNames.filter((n) => !original.undefinedNames.includes(n));
  if (newlyUndefined.length > 0) problems.push(`used at import time before it is defined: ${newlyUndefined.join(', ')}`);
  const load = check.loader === 'dotenv' ? 'load_dotenv' : check.loader === 'environ' ? 'read_env' : undefined;
  const firstRead = rewritten.firstCall['required_env'];
  if (load && firstRead !== undefined && !(rewritten.firstCall[load] < firstRead)) {
    problems.push(`the key is read (statement ${firstRead}) before ${load} runs (${rewritten.firstCall[load] ?? 'never'})`);
  }
  return problems;
}

describe('property: the move-to-.env plan keeps Python valid', function () {
  this.timeout(timeLimit(60_000));

  before(requirePython);

  it('every loader, both fallback fixes, LF and CRLF: ok or a documented refusal; valid Python; the key gone; imports once, before use', () => {
    const checks: PythonCheck[] = [];
    checkProperty(
      fc.property(refactorCase, (c) => {
        const fixes = c.form.rule === 'secret-key-env-default' ? [true, false] : [true];
        for (const loader of LOADERS) {
          for (const writeEnv of fixes) {
            const rewritten = checkPlan(c, loader, writeEnv);
            if (rewritten !== undefined) {
              checks.push({
                show: `${showCase(c)} loader ${loader} writeEnv ${writeEnv}`,
                lateSetup: c.lateImports.length > 0 || c.loadAfterKey || c.after.some((l) => /^(import|from) /m.test(l)),
                loader,
                original: buildCase(c).text,
                rewritten,
              });
            }
          }
        }
      }),
      { runs: 200, show: ([c]) => showCase(c) },
    );
    assert.ok(checks.length > runs(200), `only ${checks.length} plans went through`);
    const reports = pythonReports(checks.flatMap((ch) => [ch.original, ch.rewritten]));
    const failures = checks
      .map((check, i) => ({ check, problems: pythonProblems(check, reports[2 * i], reports[2 * i + 1]) }))
      .filter((f) => f.problems.length > 0)
      .sort((a, b) => a.check.original.length - b.check.original.length);
    assert.deepEqual(
      failures.slice(0, 3).map((f) => `${f.check.show}: ${f.problems.join('; ')}`),
      [],
      `${failures.length} of ${checks.length} rewritten modules fail (the three smallest are shown)`,
    );
  });

  it('never throws on hostile code around the key; an ok plan replaces the key and writes it to .env', () => {
    checkProperty(
      fc.property(fc.constantFrom(...MOVABLE_FORMS), asciiKey, literalChoice, hostileText(20), hostileText(20), fc.constantFrom(...LOADERS), (form, key, literal, before, after, loader) => {
        const m = buildModule(form, renderLiteral(key, literal), [before], [after]);
        for (const finding of analyzeText('mysite/settings.py', m.text).filter((f) => f.rule === 'hardcoded-secret-key' || f.rule === 'secret-key-env-default')) {
          const starts = [0, ...[...m.text.matchAll(/\r\n|\r|\n/g)].map((x) => (x.index ?? 0) + x[0].length)];
          const offset = (m.text.startsWith('\uFEFF') && finding.range.start.line === 0 ? 1 : 0) + starts[finding.range.start.line] + finding.range.start.character;
          const plan = planMoveToEnv({
            settings: { path: 'mysite/settings.py', text: m.text },
            offset,
            loader,
            variableName: 'DJANGO_SECRET_KEY',
            env: { path: '.env', text: undefined },
            example: { path: '.env.example', text: undefined },
            gitignore: { path: '.gitignore', text: undefined },
            envIgnored: false,
            dependencies: [],
          });
          if (!plan.ok) continue;
          const settings = plan.changes[0];
          assert.equal(applyEdits(m.text, settings.edits), settings.newText);
          assert.ok(settings.edits.some((e) => REPLACEMENT.test(e.newText)), 'no replacement');
          assert.ok(plan.changes.some((ch) => ch.path === '.env'), 'no .env');
        }
      }),
      { runs: 800, show: ([form, key, literal, before, after, loader]) => JSON.stringify({ form: form.title, key: expectedFingerprint(key), literal, before, after, loader }) },
    );
  });
});
