import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, ruleDocsUrl } from '../../src/core';

const DOCS = join(__dirname, '..', '..', '..', 'docs', 'rules');

describe('rule documentation', () => {
  for (const rule of RULE_IDS) {
    it(`${rule} has a doc in the house form, at the URL diagnostics link to`, () => {
      const file = join(DOCS, `${rule}.md`);
      assert.ok(existsSync(file), file);
      // Headings outside fenced code blocks (a `# comment` in a shell example is not a heading).
      const prose = readFileSync(file, 'utf8').split(/^```[^\n]*\n[\s\S]*?^```$/m).join('');
      const headings = prose.split('\n').filter((l) => l.startsWith('#'));
      assert.deepEqual(headings.filter((h) => !h.startsWith('##')), [`# ${rule}`]);
      assert.deepEqual(
        headings.filter((h) => h.startsWith('## ')),
        ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## References'],
      );
      assert.ok(ruleDocsUrl(rule).endsWith(`/docs/rules/${rule}.md`));
    });
  }
});
