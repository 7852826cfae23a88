/** Entry point: wires the editor face together. Every registration goes into context.subscriptions. */
import * as vscode from 'vscode';
import { Checker } from './vscode/checker';
import { COMMANDS } from './vscode/commands';
import { DIAGNOSTIC_SOURCE } from './vscode/diagnostics';
import { registerGenerateKeyCommand } from './vscode/generateKey';
import { HygieneChecker, registerHygiene, scanWithProjectChecks } from './vscode/hygiene';
import { LiveDiagnostics } from './vscode/liveDiagnostics';
import { registerMoveToEnv } from './vscode/moveToEnv';
import { registerReplaceKey, registerReplaceKeyCommand } from './vscode/replaceKey';
import { registerRotateKey } from './vscode/rotateKey';
import { WorkspaceScanner } from './vscode/scanWorkspace';
import { SETTINGS_SECTION } from './vscode/settings';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Django Secret Hygiene', { log: true });
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const checker = new Checker(log);
  const live = new LiveDiagnostics(collection, checker);
  const scanner = new WorkspaceScanner(collection, checker, log);
  // Project-level findings have a collection of their own, so neither side overwrites the other.
  const projectCollection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const hygiene = new HygieneChecker(projectCollection, log);
  context.subscriptions.push(
    log,
    collection,
    live,
    vscode.workspace.onDidOpenTextDocument((document) => live.refresh(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) {
        live.schedule(event.document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => live.close(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) {
        live.reset(vscode.workspace.textDocuments);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, () => scanWithProjectChecks(scanner, hygiene, collection)),
    registerGenerateKeyCommand(context.globalState),
    ...registerMoveToEnv(log),
    projectCollection,
    hygiene,
    ...registerHygiene(hygiene, log),
    ...registerRotateKey(log),
    registerReplaceKey(),
    registerReplaceKeyCommand(),
  );
  // The documents already open are checked right after activation returns, not during it.
  const initialCheck = setTimeout(() => live.reset(vscode.workspace.textDocuments), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initialCheck) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
