import * as assert from 'node:assert/strict';
import { Range } from '../../src/core';
import {
  chooseKeyRange,
  defaultChoices,
  isLoaderChoice,
  moveChoices,
  moveMessage,
  readMoveArguments,
} from '../../src/vscode/moveChoices';

const TITLES = [
  'Move SECRET_KEY to .env',
  'Move SECRET_KEY to .env with a new key',
  'Move SECRET_KEY to .env (python-dotenv)',
  'Move SECRET_KEY to .env (python-decouple)',
  'Move SECRET_KEY to .env (django-environ)',
  'Move SECRET_KEY to .env, read it from os.environ (platform sets the variable)',
];

/** Indexes of the preferred choices. */
function preferred(choices: ReturnType<typeof moveChoices>): number[] {
  return choices.flatMap((choice, index) => (choice.preferred ? [index] : []));
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

describe('move to .env: quick fixes', () => {
  it('offers the project loader keeping the key or with a new one, then every loader by name', () => {
    const choices = moveChoices([]);
    assert.deepEqual(choices.map((c) => c.title), TITLES);
    assert.deepEqual(
      choices.map((c) => [c.loader, c.rotate]),
      [['auto', false], ['auto', true], ['dotenv', false], ['decouple', false], ['environ', false], ['os', false]],
    );
  });

  it('prefers keeping a key Django accepts, first in the list', () => {
    assert.deepEqual(preferred(moveChoices([])), [0]);
  });

  it('prefers a new key for every weakness Django reports, first in the list', () => {
    const expected = [TITLES[1], TITLES[0], ...TITLES.slice(2)];
    for (const weakness of ['django-insecure-prefix', 'too-short', 'too-few-unique-characters'] as const) {
      const choices = moveChoices([weakness]);
      assert.deepEqual(choices.map((c) => c.title), expected, weakness);
      assert.deepEqual(preferred(choices), [0], weakness);
      assert.deepEqual([choices[0].loader, choices[0].rotate], ['auto', true], weakness);
    }
    assert.deepEqual(preferred(moveChoices(['too-short', 'too-few-unique-characters'])), [0]);
  });
});

describe('literal fallback: quick fixes', () => {
  it('offers moving it into .env (preferred) or removing it, the trade-off in the title', () => {
    assert.deepEqual(
      defaultChoices('DJANGO_SECRET_KEY').map((c) => [c.title, c.preferred, c.writeEnv, c.loader, c.rotate]),
      [
        ['Move the fallback key into .env (local runs keep working; DJANGO_SECRET_KEY must be set everywhere else)', true, true, 'auto', false],
        ['Remove the fallback key and fail fast (set DJANGO_SECRET_KEY yourself, also for local runs)', false, false, 'auto', false],
      ],
    );
  });
});

describe('move to .env: command arguments', () => {
  it('defaults to the project loader and keeping the key', () => {
    assert.deepEqual(readMoveArguments(undefined), { loader: 'auto', rotate: false, writeEnv: true });
    assert.deepEqual(readMoveArguments(null), { loader: 'auto', rotate: false, writeEnv: true });
    assert.deepEqual(readMoveArguments({}), { uri: undefined, offset: undefined, loader: 'auto', rotate: false, writeEnv: true });
  });

  it('passes valid arguments on as they are', () => {
    const uri = { toString: () => 'file:///p/settings.py' };
    assert.deepEqual(readMoveArguments({ uri, offset: 0, loader: 'environ', rotate: true, writeEnv: false }), {
      uri,
      offset: 0,
      loader: 'environ',
      rotate: true,
      writeEnv: false,
    });
    for (const loader of ['auto', 'dotenv', 'decouple', 'environ', 'os']) {
      assert.equal(readMoveArguments({ loader })?.loader, loader);
    }
  });

  it('rejects malformed arguments', () => {
    for (const args of [
      'settings.py',
      42,
      { offset: -1 },
      { offset: 1.5 },
      { offset: '3' },
      { loader: 'dotenv-python' },
      { loader: null },
      { rotate: 'yes' },
      { writeEnv: 0 },
    ]) {
      assert.equal(readMoveArguments(args), undefined, JSON.stringify(args));
    }
  });

  it('knows the loader choices', () => {
    assert.equal(isLoaderChoice('auto'), true);
    assert.equal(isLoaderChoice('os'), true);
    assert.equal(isLoaderChoice('environs'), false);
    assert.equal(isLoaderChoice(undefined), false);
  });
});

describe('move to .env: the key without an offset', () => {
  const findings = [
    { rule: 'weak-secret-key', range: range(2, 0, 10) },
    { rule: 'hardcoded-secret-key', range: range(5, 13, 81) },
    { rule: 'hardcoded-secret-key', range: range(9, 17, 85) },
  ];

  it('takes the key under the cursor, its ends included', () => {
    assert.deepEqual(chooseKeyRange(findings, { line: 9, character: 17 }), range(9, 17, 85));
    assert.deepEqual(chooseKeyRange(findings, { line: 9, character: 85 }), range(9, 17, 85));
    assert.deepEqual(chooseKeyRange(findings, { line: 5, character: 40 }), range(5, 13, 81));
  });

  it('takes the first hardcoded key when the cursor is elsewhere', () => {
    assert.deepEqual(chooseKeyRange(findings, { line: 2, character: 3 }), range(5, 13, 81));
    assert.deepEqual(chooseKeyRange(findings, { line: 9, character: 86 }), range(5, 13, 81));
  });

  it('finds nothing without a hardcoded key', () => {
    assert.equal(chooseKeyRange(findings.slice(0, 1), { line: 2, character: 3 }), undefined);
    assert.equal(chooseKeyRange([], { line: 0, character: 0 }), undefined);
  });
});

describe('move to .env: the message afterwards', () => {
  it('says where the key is and how it is read, then the notes', () => {
    assert.equal(
      moveMessage({
        envPath: '.env',
        variable: 'DJANGO_SECRET_KEY',
        loader: 'dotenv',
        rotated: false,
        written: true,
        notes: ['Added python-dotenv to requirements.txt.'],
      }),
      'SECRET_KEY now comes from DJANGO_SECRET_KEY in .env (loaded with python-dotenv). Added python-dotenv to requirements.txt.',
    );
    assert.equal(
      moveMessage({ envPath: 'config/.env', variable: 'SECRET_KEY', loader: 'os', rotated: true, written: true, notes: [] }),
      'SECRET_KEY now comes from SECRET_KEY in config/.env, with a new key (read from os.environ).',
    );
  });
  it('says the fallback is gone when nothing was written', () => {
    assert.equal(
      moveMessage({ envPath: '.env', variable: 'APP_SECRET_KEY', loader: 'decouple', rotated: false, written: false, notes: [] }),
      'The fallback key is gone: SECRET_KEY comes from APP_SECRET_KEY only (loaded with python-decouple).',
    );
  });
});
