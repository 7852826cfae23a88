/**
 * "Move SECRET_KEY to .env" in the editor: quick fixes on the hardcoded-secret-key diagnostic
 * (cheap: no I/O until one is chosen) and the `djangoSecrets.moveToEnv` command, which reads the
 * project, asks git about the env file (in a trusted workspace only), plans with the engine and
 * applies the plan as ONE WorkspaceEdit, so a single undo restores every file.
 * Logs paths, the loader and counts; never a key.
 */
import * as vscode from 'vscode';
import { analyzeText, Finding } from '../core';
import { generateKey } from '../core/keys/generate';
import { Loader } from '../core/refactor/loaders';
import { planMoveToEnv } from '../core/refactor/moveToEnv';
import { gatherProject, GatheredProject } from '../core/refactor/project';
import { ApplyLabels, applyChanges, prepare } from './applyPlan';
import { errorName, settingsFor, targetFor } from './checker';
import { COMMANDS } from './commands';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { gitIgnores } from './git';
import { chooseKeyRange, defaultChoices, MoveChoice, moveChoices, moveMessage, MoveRequest, readMoveArguments } from './moveChoices';
import { uriFromArgument, WorkspaceProjectReader } from './projectReader';
import { toEngineOptions } from './settings';

export const HARDCODED_KEY_RULE = 'hardcoded-secret-key';
export const ENV_DEFAULT_RULE = 'secret-key-env-default';
const FIXABLE_RULES: ReadonlySet<unknown> = new Set([HARDCODED_KEY_RULE, ENV_DEFAULT_RULE]);
const ROTATE_BUTTON = 'Move with a new key';
const MOVE_LABELS: ApplyLabels = {
  title: 'Move SECRET_KEY to .env',
  action: 'move',
  refusedHint: 'is a file read-only, or does .env exist already?',
};
const ARGUMENTS_HELP = "expected { uri, offset, loader: 'auto' | 'dotenv' | 'decouple' | 'environ' | 'os', rotate: boolean }";

/** What the command returns (for callers and tests): file paths relative to the project root, never a key. */
export type MoveResult =
  | {
      readonly ok: true;
      readonly loader: Loader;
      readonly variable: string;
      readonly created: readonly string[];
      readonly changed: readonly string[];
      /** Files changed in the editor that could not be saved. */
      readonly unsaved: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export function registerMoveToEnv(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = [{ language: 'python' }, { scheme: 'file', pattern: '**/*.py' }];
  return [
    vscode.languages.registerCodeActionsProvider(selector, new MoveToEnvActions(), {
      providedCodeActionKinds: MoveToEnvActions.kinds,
    }),
    vscode.commands.registerCommand(COMMANDS.moveToEnv, (args?: unknown) => runMoveCommand(log, args)),
  ];
}

// --- quick fixes ---------------------------------------------------------------------------------

function ruleOf(diagnostic: vscode.Diagnostic): unknown {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

function isFixable(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && FIXABLE_RULES.has(ruleOf(diagnostic));
}

/** The engine's findings for the document as it is now (pure and fast: no I/O). */
function findingsOf(document: vscode.TextDocument): Finding[] {
  const target = targetFor(document.uri, document.languageId);
  if (!target) {
    return [];
  }
  return analyzeText(target.relativePath, document.getText(), toEngineOptions(target.settings), target.kind);
}

function sameStart(finding: Finding, range: vscode.Range): boolean {
  return finding.range.start.line === range.start.line && finding.range.start.character === range.start.character;
}

export class MoveToEnvActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter(isFixable);
    const wanted = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    if (diagnostics.length === 0 || !wanted || document.isUntitled) {
      return [];
    }
    const findings = findingsOf(document);
    return diagnostics.flatMap((diagnostic) => {
      const finding = findings.find((f) => f.rule === ruleOf(diagnostic) && sameStart(f, diagnostic.range));
      if (!finding) {
        return [];
      }
      const choices = finding.rule === ENV_DEFAULT_RULE ? defaultChoices(finding.name) : moveChoices(finding.weaknesses);
      return actionsFor(document, diagnostic, choices);
    });
  }
}

function actionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, choices: MoveChoice[]): vscode.CodeAction[] {
  const offset = document.offsetAt(diagnostic.range.start);
  return choices.map((choice) => {
    const action = new vscode.CodeAction(choice.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = choice.preferred;
    const args: MoveRequest = { uri: document.uri, offset, loader: choice.loader, rotate: choice.rotate, writeEnv: choice.writeEnv };
    action.command = { command: COMMANDS.moveToEnv, title: choice.title, arguments: [args] };
    return action;
  });
}

// --- the command ---------------------------------------------------------------------------------

function fail(reason: string): MoveResult {
  void vscode.window.showErrorMessage(reason);
  return { ok: false, reason };
}

async function runMoveCommand(log: vscode.LogOutputChannel, args: unknown): Promise<MoveResult> {
  const request = readMoveArguments(args);
  if (!request) {
    return fail(`Move SECRET_KEY to .env: ${ARGUMENTS_HELP}.`);
  }
  const document = await documentFor(request.uri);
  if (!document) {
    return fail('Move SECRET_KEY to .env: open the settings module that holds the key first.');
  }
  const offset = request.offset ?? keyOffset(document);
  if (offset === undefined) {
    return fail('Move SECRET_KEY to .env: there is no hardcoded SECRET_KEY in this file.');
  }
  try {
    return await moveKey(log, document, offset, request);
  } catch (error) {
    log.error(`Move SECRET_KEY to .env failed in ${vscode.workspace.asRelativePath(document.uri)} (${errorName(error)}).`);
    return fail('Move SECRET_KEY to .env failed unexpectedly; nothing was changed. The output log has details.');
  }
}

/** The document named by `uri` (a Uri or its string form), else the active editor's. */
async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri === undefined) {
    return vscode.window.activeTextEditor?.document;
  }
  try {
    const parsed = uriFromArgument(uri);
    return parsed && (await vscode.workspace.openTextDocument(parsed));
  } catch {
    return undefined;
  }
}

/** Without an offset: the key at the active editor's cursor, else the document's first. */
function keyOffset(document: vscode.TextDocument): number | undefined {
  const editor = vscode.window.activeTextEditor;
  const cursor = editor?.document === document ? editor.selection.active : new vscode.Position(0, 0);
  const range = chooseKeyRange(findingsOf(document), cursor);
  return range && document.offsetAt(new vscode.Position(range.start.line, range.start.character));
}

async function moveKey(log: vscode.LogOutputChannel, document: vscode.TextDocument, offset: number, request: MoveRequest): Promise<MoveResult> {
  const reader = new WorkspaceProjectReader(document.uri);
  const settingsText = document.getText();
  const gathered = await gather(log, reader, document, settingsText, offset, request);
  const plan = planMoveToEnv({ ...gathered.input, writeEnv: request.writeEnv });
  const where = gathered.input.settings.path;
  if (!plan.ok) {
    log.info(`Move SECRET_KEY to .env: refused for ${where} (${gathered.input.loader}).`);
    return refuse(plan.reason, plan.suggestRotate && !request.rotate, { ...request, uri: document.uri, offset });
  }
  const before = (path: string): string | undefined =>
    path === where ? settingsText : reader.textRead(gathered.absolute(path));
  const files = plan.changes.map((change) => prepare(reader.uri(gathered.absolute(change.path)), change, before(change.path)));
  const outcome = await applyChanges(log, files, MOVE_LABELS);
  if (!outcome.ok) {
    return fail(outcome.reason);
  }
  const result: MoveResult = {
    ok: true,
    loader: gathered.input.loader,
    variable: plan.variable,
    created: files.filter((f) => f.change.create).map((f) => f.change.path),
    changed: files.filter((f) => !f.change.create).map((f) => f.change.path),
    unsaved: outcome.unsaved,
  };
  log.info(
    `Move SECRET_KEY to .env: ${where} -> ${gathered.input.env.path} with ${result.loader}${request.rotate ? ' (new key)' : ''}; ` +
      `created ${result.created.length} [${result.created.join(', ')}], changed ${result.changed.length} [${result.changed.join(', ')}].`,
  );
  report(result, gathered.input.env.path, request, plan.notes);
  return result;
}

async function gather(
  log: vscode.LogOutputChannel,
  reader: WorkspaceProjectReader,
  document: vscode.TextDocument,
  settingsText: string,
  offset: number,
  request: MoveRequest,
): Promise<GatheredProject> {
  const settings = settingsFor(document.uri);
  return gatherProject(reader, {
    settingsPath: document.uri.path,
    settingsText,
    offset,
    loader: request.loader,
    newKey: request.rotate ? generateKey('django') : undefined,
    variableName: settings.variableName,
    envFile: settings.envFile,
    gitIgnores: gitAsker(log, document.uri, settings.envFile),
    boundary: vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path,
  });
}

/**
 * git runs only in a trusted workspace and on local files, with the project root (the env file's
 * path minus the `envFile` setting) as its working folder; otherwise the .gitignore rules decide.
 */
function gitAsker(
  log: vscode.LogOutputChannel,
  base: vscode.Uri,
  envFile: string,
): ((absolutePath: string) => Promise<boolean | undefined>) | undefined {
  if (!vscode.workspace.isTrusted || base.scheme !== 'file') {
    return undefined;
  }
  return async (absolutePath) => {
    const env = base.with({ path: absolutePath });
    const root = base.with({ path: absolutePath.slice(0, absolutePath.length - envFile.length - 1) || '/' });
    const answer = await gitIgnores(root.fsPath, env.fsPath);
    log.trace(`git check-ignore: ${answer === undefined ? 'no answer' : answer ? 'ignored' : 'not ignored'}.`);
    return answer;
  };
}

function refuse(reason: string, offerRotate: boolean, retry: MoveRequest): MoveResult {
  const buttons = offerRotate ? [ROTATE_BUTTON] : [];
  void vscode.window.showErrorMessage(reason, ...buttons).then(async (choice) => {
    if (choice === ROTATE_BUTTON) {
      await vscode.commands.executeCommand(COMMANDS.moveToEnv, { ...retry, rotate: true });
    }
  });
  return { ok: false, reason };
}

function report(result: Extract<MoveResult, { ok: true }>, envPath: string, request: MoveRequest, notes: readonly string[]): void {
  const message = moveMessage({
    envPath,
    variable: result.variable,
    loader: result.loader,
    rotated: request.rotate,
    written: request.writeEnv,
    notes,
  });
  if (result.unsaved.length > 0) {
    void vscode.window.showErrorMessage(
      `${message} Could not save ${result.unsaved.join(', ')}: the change is in the editor only. ` +
        'Save it, or undo to restore every file.',
    );
  } else {
    void vscode.window.showInformationMessage(message);
  }
}
