import * as assert from 'node:assert/strict';
import { createDocumentSelector, DocumentIdentity } from '../../src/vscode/selection';
import { DEFAULT_SETTINGS } from '../../src/vscode/settings';

function file(relativePath: string, languageId?: string): DocumentIdentity {
  return { scheme: 'file', relativePath, languageId };
}

describe('vscode document selection', () => {
  const select = createDocumentSelector(DEFAULT_SETTINGS);

  it('picks the analyser from the file name', () => {
    assert.equal(select(file('mysite/settings.py', 'python')), 'python');
    assert.equal(select(file('mysite/settings.py')), 'python');
    assert.equal(select(file('.env.production', 'dotenv')), 'dotenv');
    assert.equal(select(file('.envs\\.production\\.django', 'plaintext')), 'dotenv');
    assert.equal(select({ scheme: 'vscode-remote', relativePath: 'prod.env' }), 'dotenv');
  });

  it('skips schemes that are not files or unsaved documents', () => {
    for (const scheme of ['output', 'git', 'vscode-scm', 'vscode-userdata', 'vscode-notebook-cell']) {
      assert.equal(select({ scheme, relativePath: 'mysite/settings.py', languageId: 'python' }), undefined, scheme);
    }
  });

  it('skips excluded and not included files whatever their language', () => {
    assert.equal(select(file('.venv/lib/python3.12/site-packages/django/conf/global_settings.py', 'python')), undefined);
    assert.equal(select(file('bin/manage', 'python')), undefined);
    assert.equal(select(file('notes.txt', 'dotenv')), undefined);
  });

  it('uses the language mode for an included file the name does not classify', () => {
    const selectManage = createDocumentSelector({ ...DEFAULT_SETTINGS, include: ['**/manage'] });
    assert.equal(selectManage(file('bin/manage', 'python')), 'python');
    assert.equal(selectManage(file('bin/manage', 'shellscript')), undefined);
    assert.equal(selectManage(file('bin/manage')), undefined);
  });

  it('checks unsaved documents by language mode only', () => {
    assert.equal(select({ scheme: 'untitled', relativePath: 'Untitled-1', languageId: 'python' }), 'python');
    assert.equal(select({ scheme: 'untitled', relativePath: 'Untitled-2', languageId: 'dotenv' }), 'dotenv');
    assert.equal(select({ scheme: 'untitled', relativePath: 'Untitled-3', languageId: 'plaintext' }), undefined);
  });

  it('checks nothing when disabled', () => {
    const disabled = createDocumentSelector({ ...DEFAULT_SETTINGS, enable: false });
    assert.equal(disabled(file('mysite/settings.py', 'python')), undefined);
    assert.equal(disabled({ scheme: 'untitled', relativePath: 'Untitled-1', languageId: 'python' }), undefined);
  });
});
