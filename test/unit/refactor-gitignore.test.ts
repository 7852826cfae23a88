import * as assert from 'node:assert/strict';
import { gitignoreIgnores } from '../../src/core/refactor/gitignore';

describe('gitignoreIgnores', () => {
  const cases: Array<[string, string, boolean]> = [
    ['.env\n', '.env', true],
    ['.env\n', 'sub/.env', true],
    ['/.env\n', 'sub/.env', false],
    ['*.env\n', 'prod.env', true],
    ['.env*\n!.env.example\n', '.env.example', false],
    ['.env*\n!.env.example\n', '.env.local', true],
    ['# .env\n', '.env', false],
    ['.env/\n', '.env', false],
    ['config/\n', 'config/.env', true],
    ['**/.env\r\n', 'a/b/.env', true],
    ['', '.env', false],
  ];
  for (const [rules, path, expected] of cases) {
    it(`${JSON.stringify(rules)} ${path} -> ${expected}`, () => assert.equal(gitignoreIgnores(rules, path), expected));
  }
});
