/**
 * Quick fix "Replace with a new key" on a weak or insecure key in a .env file: the value becomes a
 * freshly generated Django key, written as one `NAME='key'` line by the same writer the move uses.
 * The key is generated when the fix is chosen, never shown or logged.
 */
import * as vscode from 'vscode';
import { analyzeText } from '../core';
import { upsertEnvVar } from '../core/dotenv/edit';
import { generateKey } from '../core/keys/generate';
import { minimalEdit } from '../core/refactor/edits';
import { targetFor } from './checker';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toEngineOptions } from './settings';

export const REPLACE_KEY_TITLE = 'Replace with a new key';
const RULES: ReadonlySet<unknown> = new Set(['insecure-secret-key', 'weak-secret-key']);

export function registerReplaceKey(): vscode.Disposable {
  const selector: vscode.DocumentSelector = [{ language: 'dotenv' }, { scheme: 'file', pattern: '**/{.env,.env.*,*.env,.envs/**}' }];
  return vscode.languages.registerCodeActionsProvider(selector, new ReplaceKeyActions(), {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
}

class ReplaceKeyActions implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter(
      (d) => d.source === DIAGNOSTIC_SOURCE && RULES.has(typeof d.code === 'object' ? d.code.value : d.code),
    );
    const target = diagnostics.length > 0 ? targetFor(document.uri, document.languageId) : undefined;
    if (!target) return [];
    const findings = analyzeText(target.relativePath, document.getText(), toEngineOptions(target.settings), target.kind);
    return diagnostics.flatMap((diagnostic) => {
      const finding = findings.find((f) => f.range.start.line === diagnostic.range.start.line && RULES.has(f.rule));
      if (!finding) return [];
      const action = new vscode.CodeAction(REPLACE_KEY_TITLE, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = { command: REPLACE_KEY_COMMAND, title: REPLACE_KEY_TITLE, arguments: [document.uri, finding.name] };
      return [action];
    });
  }
}

/** Internal command behind the quick fix (not in the Command Palette). */
export const REPLACE_KEY_COMMAND = 'djangoSecrets.replaceEnvKey';

export function registerReplaceKeyCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(REPLACE_KEY_COMMAND, async (uri: vscode.Uri, name: string) => {
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const written = upsertEnvVar(before, name, generateKey('django'));
    const change = written.ok ? minimalEdit(before, written.text) : undefined;
    if (!change) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
    return vscode.workspace.applyEdit(edit);
  });
}
