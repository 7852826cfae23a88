/**
 * "Rotate Secret Key" and "Retire Old Secret Keys" in the editor, for the project of the active
 * editor (a settings module, or the env file beside manage.py, whose settings module manage.py
 * names). Rotation asks routine or compromised up front, shows the engine's plan (what happens to
 * users, warnings, files) in a modal confirmation and applies it as ONE WorkspaceEdit; retiring
 * removes the old keys from the env file the same way. Logs paths, the mode and counts; never a key.
 */
import * as vscode from 'vscode';
import { generateKey } from '../core/keys/generate';
import { readEnvVar } from '../core/dotenv/edit';
import { FileChange } from '../core/refactor/moveToEnv';
import { dirname, findProjectRoot, gatherProject, GatheredProject, join } from '../core/refactor/project';
import { fallbacksVariableOf, planRetireFallbacks, planRotate, RotateMode } from '../core/refactor/rotate';
import { Applied, ApplyLabels, applyChanges, prepare } from './applyPlan';
import { errorName, settingsFor } from './checker';
import { COMMANDS } from './commands';
import { uriFromArgument, WorkspaceProjectReader } from './projectReader';
import {
  chooseKeyVariable,
  countKeys,
  Dialog,
  MODE_ITEMS,
  readRetireArguments,
  readRotateArguments,
  RETIRE_ARGUMENTS_HELP,
  RETIRE_BUTTON,
  RETIRE_TITLE,
  retireConfirmation,
  retireMessage,
  ROTATE_ARGUMENTS_HELP,
  ROTATE_BUTTON,
  ROTATE_TITLE,
  rotateConfirmation,
  rotateMessage,
  setsSecretKey,
  settingsPathsFromManagePy,
} from './rotateChoices';

/** What the rotate command returns (for callers and tests): paths relative to the project, never a key. */
export type RotateResult =
  | { readonly ok: true; readonly mode: RotateMode; readonly changed: readonly string[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export type RetireResult = { readonly ok: true; readonly changed: readonly string[] } | { readonly ok: false; readonly reason: string };

const CANCELLED = { ok: false, reason: 'Cancelled.' } as const;

const ROTATE_LABELS: ApplyLabels = { title: ROTATE_TITLE, action: 'rotation', refusedHint: 'is a file read-only?' };
const RETIRE_LABELS: ApplyLabels = { title: RETIRE_TITLE, action: 'retirement', refusedHint: 'is the file read-only?' };

export function registerRotateKey(log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.rotateKey, (args?: unknown) => runRotateCommand(log, args)),
    vscode.commands.registerCommand(COMMANDS.retireFallbacks, (args?: unknown) => runRetireCommand(log, args)),
  ];
}

function fail(reason: string): { ok: false; reason: string } {
  void vscode.window.showErrorMessage(reason);
  return { ok: false, reason };
}

async function runRotateCommand(log: vscode.LogOutputChannel, args: unknown): Promise<RotateResult> {
  const request = readRotateArguments(args);
  if (!request) {
    return fail(`${ROTATE_TITLE}: ${ROTATE_ARGUMENTS_HELP}.`);
  }
  return guarded(log, ROTATE_TITLE, request.uri, (uri) => rotate(log, uri, request.mode, request.confirm));
}

async function runRetireCommand(log: vscode.LogOutputChannel, args: unknown): Promise<RetireResult> {
  const request = readRetireArguments(args);
  if (!request) {
    return fail(`${RETIRE_TITLE}: ${RETIRE_ARGUMENTS_HELP}.`);
  }
  return guarded(log, RETIRE_TITLE, request.uri, (uri) => retire(log, uri, request.confirm));
}

/** Runs `body` on the target file; an unexpected error is logged by its class name only. */
async function guarded<T>(
  log: vscode.LogOutputChannel,
  title: string,
  given: unknown,
  body: (uri: vscode.Uri) => Promise<T | { ok: false; reason: string }>,
): Promise<T | { ok: false; reason: string }> {
  const uri = given === undefined ? vscode.window.activeTextEditor?.document.uri : uriFromArgument(given);
  if (!uri || uri.scheme === 'untitled') {
    return fail(`${title}: open a settings module or the .env file of the project first.`);
  }
  try {
    return await body(uri);
  } catch (error) {
    log.error(`${title} failed for ${vscode.workspace.asRelativePath(uri)} (${errorName(error)}).`);
    return fail(`${title} failed unexpectedly; nothing was changed. The output log has details.`);
  }
}

// --- the project -------------------------------------------------------------------------------

interface Located {
  readonly reader: WorkspaceProjectReader;
  readonly project: GatheredProject;
  readonly variable: string;
}

/** The project around `uri`: its settings module, env file, dependencies and the key's variable. */
async function locate(uri: vscode.Uri): Promise<Located | { reason: string }> {
  const settings = settingsFor(uri);
  const reader = new WorkspaceProjectReader(uri);
  const boundary = vscode.workspace.getWorkspaceFolder(uri)?.uri.path;
  const module = await settingsModule(reader, uri.path, boundary);
  if ('reason' in module) {
    return module;
  }
  const project = await gatherProject(reader, {
    settingsPath: module.path,
    settingsText: module.text,
    offset: 0,
    loader: 'auto',
    variableName: settings.variableName,
    envFile: settings.envFile,
    boundary,
  });
  const variable = chooseKeyVariable(project.input.env.text, module.text, settings.variableName) ?? settings.variableName;
  return { reader, project, variable };
}

/** A Python file is the settings module itself; any other file (the env file) goes by manage.py. */
async function settingsModule(
  reader: WorkspaceProjectReader,
  path: string,
  boundary: string | undefined,
): Promise<{ path: string; text: string } | { reason: string }> {
  const found = path.endsWith('.py') ? await readModule(reader, [path]) : await moduleOfManagePy(reader, path, boundary);
  if (!found) {
    return { reason: `No manage.py at or above ${vscode.workspace.asRelativePath(reader.uri(dirname(path)))} names a settings module; open the settings module that sets SECRET_KEY.` };
  }
  if (!setsSecretKey(found.text)) {
    return { reason: `${vscode.workspace.asRelativePath(reader.uri(found.path))} does not set SECRET_KEY; open the settings module that does.` };
  }
  return found;
}

async function moduleOfManagePy(reader: WorkspaceProjectReader, path: string, boundary: string | undefined): Promise<{ path: string; text: string } | undefined> {
  const root = await findProjectRoot(reader, path, boundary);
  const managePy = await reader.read(join(root, 'manage.py'));
  return readModule(reader, settingsPathsFromManagePy(managePy ?? '').map((p) => join(root, p)));
}

async function readModule(reader: WorkspaceProjectReader, paths: readonly string[]): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    const text = await reader.read(path);
    if (text !== undefined) {
      return { path, text };
    }
  }
  return undefined;
}

// --- rotate ------------------------------------------------------------------------------------

async function rotate(log: vscode.LogOutputChannel, uri: vscode.Uri, given: RotateMode | undefined, confirm: boolean): Promise<RotateResult> {
  const found = await locate(uri);
  if ('reason' in found) {
    return fail(found.reason);
  }
  const mode = given ?? (await pickMode());
  if (!mode) {
    return CANCELLED;
  }
  const { input } = found.project;
  const plan = planRotate({
    env: input.env,
    settings: input.settings,
    variable: found.variable,
    newKey: generateKey('django'),
    mode,
    dependencyTexts: input.dependencies.map((d) => d.text),
  });
  if (!plan.ok) {
    log.info(`${ROTATE_TITLE}: refused for ${input.env.path} (${mode}).`);
    return fail(plan.reason);
  }
  const preview = { variable: found.variable, envPath: input.env.path, mode, summary: plan.summary, warnings: plan.warnings, changed: plan.changes.map((c) => c.path) };
  if (confirm && !(await confirmed(rotateConfirmation(preview), ROTATE_BUTTON))) {
    return CANCELLED;
  }
  const outcome = await apply(log, found, plan.changes, ROTATE_LABELS);
  if (!outcome.ok) {
    return fail(outcome.reason);
  }
  log.info(`${ROTATE_TITLE}: ${found.variable} in ${input.env.path} (${mode}); changed [${preview.changed.join(', ')}]; ${plan.warnings.length} warning(s).`);
  notify(rotateMessage(preview, fallbacksVariableOf({ variable: found.variable })), outcome.unsaved);
  return { ok: true, mode, changed: preview.changed, warnings: plan.warnings };
}

async function pickMode(): Promise<RotateMode | undefined> {
  const picked = await vscode.window.showQuickPick(MODE_ITEMS, {
    title: ROTATE_TITLE,
    placeHolder: 'What should happen to the old key?',
    ignoreFocusOut: true,
  });
  return picked?.mode;
}

async function confirmed(dialog: Dialog, button: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(dialog.message, { modal: true, detail: dialog.detail }, button)) === button;
}

// --- retire ------------------------------------------------------------------------------------

async function retire(log: vscode.LogOutputChannel, uri: vscode.Uri, confirm: boolean): Promise<RetireResult> {
  const found = await locate(uri);
  if ('reason' in found) {
    return fail(found.reason);
  }
  const env = found.project.input.env;
  const fallbacksVariable = fallbacksVariableOf({ variable: found.variable });
  const plan = planRetireFallbacks(env, fallbacksVariable);
  if (!plan.ok) {
    return fail(plan.reason);
  }
  const count = countKeys(env.text === undefined ? undefined : readEnvVar(env.text, fallbacksVariable));
  if (confirm && !(await confirmed(retireConfirmation({ envPath: env.path, fallbacksVariable, count }), RETIRE_BUTTON))) {
    return CANCELLED;
  }
  const outcome = await apply(log, found, plan.changes, RETIRE_LABELS);
  if (!outcome.ok) {
    return fail(outcome.reason);
  }
  log.info(`${RETIRE_TITLE}: removed ${fallbacksVariable} (${count} key(s)) from ${env.path}.`);
  notify(retireMessage(plan.summary), outcome.unsaved);
  return { ok: true, changed: plan.changes.map((c) => c.path) };
}

// --- applying ----------------------------------------------------------------------------------

async function apply(log: vscode.LogOutputChannel, found: Located, changes: readonly FileChange[], labels: ApplyLabels): Promise<Applied> {
  const files = changes.map((change) => {
    const path = found.project.absolute(change.path);
    return prepare(found.reader.uri(path), change, found.reader.textRead(path));
  });
  return applyChanges(log, files, labels);
}

function notify(message: string, unsaved: readonly string[]): void {
  if (unsaved.length > 0) {
    void vscode.window.showErrorMessage(
      `${message} Could not save ${unsaved.join(', ')}: the change is in the editor only. Save it, or undo to restore every file.`,
    );
  } else {
    void vscode.window.showInformationMessage(message);
  }
}
