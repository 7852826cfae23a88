import * as assert from 'node:assert/strict';
import { analyzeText, DEFAULT_ENGINE_OPTIONS } from '../../src/core';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { brief, lines, STRONG } from './helpers';

describe('.env rules', () => {
  it('flags insecure and weak keys under the default names', () => {
    const text = lines(
      '# local settings',
      `SECRET_KEY=django-insecure-${STRONG}`,
      "DJANGO_SECRET_KEY='short'",
      `OTHER_SECRET_KEY=x`,
      `export DJANGO_SECRET_KEY = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  # repeated`,
    );
    assert.deepEqual(brief('.env', text), [
      'insecure-secret-key warning 1:11-1:77 [django-insecure-prefix]',
      'weak-secret-key warning 2:18-2:25 [too-short]',
      'weak-secret-key warning 4:27-4:83 [too-few-unique-characters]',
    ]);
  });
  it('is silent on strong, empty and interpolated values', () => {
    const text = lines(`SECRET_KEY='${STRONG}'`, 'DJANGO_SECRET_KEY=', 'SECRET_KEY=${OTHER}', '#SECRET_KEY=short');
    assert.deepEqual(brief('.env', text), []);
  });
  it('uses the configured names', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, envKeyNames: ['APP_KEY'] };
    assert.deepEqual(brief('.env', 'APP_KEY=short\nSECRET_KEY=short\n', options), ['weak-secret-key warning 0:8-0:13 [too-short]']);
  });
  it('grades by environment: production error, local information', () => {
    const text = 'SECRET_KEY=short\n';
    assert.deepEqual(brief('.env.production', text), ['weak-secret-key error 0:11-0:16 [too-short]']);
    assert.deepEqual(brief('.envs/.production/.django', text), ['weak-secret-key error 0:11-0:16 [too-short]']);
    assert.deepEqual(brief('.envs/.local/.django', text), ['weak-secret-key information 0:11-0:16 [too-short]']);
  });
  it('honours a suppression marker after the value', () => {
    assert.deepEqual(brief('.env', 'SECRET_KEY=short # django-secrets: ignore\n'), []);
  });
  it('says what the key protects', () => {
    const [f] = analyzeText('.env', 'DJANGO_SECRET_KEY=django-insecure-x\n');
    assert.equal(
      f.message,
      "DJANGO_SECRET_KEY is an insecure development key (Django's check security.W009: it starts with " +
        "'django-insecure-' and it has fewer than 50 characters). Generate a new key for this environment: it " +
        'protects sessions, password-reset tokens, cookie-stored messages and anything signed with django.core.signing.',
    );
  });
});

describe('parseDotenv', () => {
  it('reads names, quotes, values and offsets losslessly', () => {
    const text = "\uFEFFA=1\r\nexport B='x#y' # c\r\n  C = \"l1\nl2\"\nD=v #comment\nbad line\nE='unterminated\n";
    const entries = parseDotenv(text).map((e) => [e.name, e.exported, e.quote, e.value, text.slice(e.valueStart, e.valueEnd), e.trailing]);
    assert.deepEqual(entries, [
      ['A', false, '', '1', '1', ''],
      ['B', true, "'", 'x#y', "'x#y'", ' # c'],
      ['C', false, '"', 'l1\nl2', '"l1\nl2"', ''],
      ['D', false, '', 'v', 'v', ' #comment'],
      ['E', false, '', "'unterminated", "'unterminated", ''],
    ]);
  });
});
