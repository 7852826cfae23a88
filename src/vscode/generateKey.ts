/**
 * Django Secrets: Generate Secret Key. Asks for a format and a destination (the last choices come
 * first), then inserts one new key per selection or copies one to the clipboard. Keys are never
 * logged or returned; callers (keybindings, tests) may pass `{ format, destination }` to skip
 * the pickers.
 */
import * as vscode from 'vscode';
import { generateKey, isKeyFormat, KEY_FORMAT_INFO, KEY_FORMATS, KeyFormat } from '../core/keys/generate';
import { COMMANDS } from './commands';

export const KEY_DESTINATIONS = ['insert', 'clipboard'] as const;
export type KeyDestination = (typeof KEY_DESTINATIONS)[number];

/** What the command returns: a description of what it did, never the key. */
export interface GenerateKeyResult {
  readonly format: KeyFormat;
  readonly destination: KeyDestination;
  /** Characters in each key. */
  readonly length: number;
  /** Keys written: one per selection when inserting, one when copying. */
  readonly count: number;
}

interface Choice {
  readonly format?: KeyFormat;
  readonly destination?: KeyDestination;
}

const LAST_FORMAT = 'djangoSecrets.generateKey.lastFormat';
const LAST_DESTINATION = 'djangoSecrets.generateKey.lastDestination';

export function registerGenerateKeyCommand(state: vscode.Memento): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.generateKey, (args?: unknown) => runGenerateKey(state, args));
}

async function runGenerateKey(state: vscode.Memento, args: unknown): Promise<GenerateKeyResult | undefined> {
  const given = readArguments(args);
  if (given === undefined) {
    void vscode.window.showErrorMessage(
      `Generate Secret Key: expected { format: ${KEY_FORMATS.map((f) => `'${f}'`).join(' | ')}, destination: 'insert' | 'clipboard' }.`,
    );
    return undefined;
  }
  const format = given.format ?? (await pickFormat(state));
  const destination = format && (given.destination ?? (await pickDestination(state)));
  if (!format || !destination) {
    return undefined;
  }
  return destination === 'insert' ? insertKeys(format) : copyKey(format);
}

/** The arguments of a programmatic call; undefined when they are malformed. */
function readArguments(args: unknown): Choice | undefined {
  if (args === undefined || args === null) {
    return {};
  }
  if (typeof args !== 'object') {
    return undefined;
  }
  const { format, destination } = args as { format?: unknown; destination?: unknown };
  if ((format !== undefined && !isKeyFormat(format)) || (destination !== undefined && !isDestination(destination))) {
    return undefined;
  }
  return { format, destination };
}

function isDestination(value: unknown): value is KeyDestination {
  return KEY_DESTINATIONS.some((destination) => destination === value);
}

/** Puts the remembered value first. */
function lastFirst<T>(values: readonly T[], last: unknown): T[] {
  const index = values.findIndex((value) => value === last);
  return index <= 0 ? [...values] : [values[index], ...values.slice(0, index), ...values.slice(index + 1)];
}

interface Item<T> extends vscode.QuickPickItem {
  readonly value: T;
}

async function pickFormat(state: vscode.Memento): Promise<KeyFormat | undefined> {
  const items = lastFirst(KEY_FORMATS, state.get(LAST_FORMAT)).map(formatItem);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Generate Secret Key',
    placeHolder: 'Key format',
    matchOnDetail: true,
  });
  if (picked) {
    await state.update(LAST_FORMAT, picked.value);
  }
  return picked?.value;
}

function formatItem(format: KeyFormat): Item<KeyFormat> {
  const info = KEY_FORMAT_INFO[format];
  return {
    value: format,
    label: info.label,
    description: `${info.length} characters, ${Math.floor(info.bits)} bits`,
    detail: info.description,
  };
}

async function pickDestination(state: vscode.Memento): Promise<KeyDestination | undefined> {
  const editor = vscode.window.activeTextEditor;
  const available = KEY_DESTINATIONS.filter((destination) => destination !== 'insert' || editor !== undefined);
  const items = lastFirst(available, state.get(LAST_DESTINATION)).map((d) => destinationItem(d, editor));
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Secret Key', placeHolder: 'Put the key' });
  if (picked) {
    await state.update(LAST_DESTINATION, picked.value);
  }
  return picked?.value;
}

function destinationItem(destination: KeyDestination, editor: vscode.TextEditor | undefined): Item<KeyDestination> {
  if (destination === 'clipboard') {
    return { value: destination, label: '$(clippy) Copy to the clipboard' };
  }
  const selections = editor?.selections.length ?? 0;
  const replace = editor?.selections.some((selection) => !selection.isEmpty) ?? false;
  return {
    value: destination,
    label: replace ? '$(replace) Replace the selection' : '$(insert) Insert at the cursor',
    description: selections > 1 ? `a different key for each of the ${selections} selections` : undefined,
  };
}

/** Replaces every selection of the active editor with its own new key, as one undoable edit. */
async function insertKeys(format: KeyFormat): Promise<GenerateKeyResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Generate Secret Key: open an editor to insert a key into, or copy the key to the clipboard.');
    return undefined;
  }
  const selections = editor.selections;
  const applied = await editor.edit((builder) => {
    for (const selection of selections) {
      builder.replace(selection, generateKey(format));
    }
  });
  if (!applied) {
    void vscode.window.showErrorMessage('Generate Secret Key: the editor did not accept the edit (is the document read-only?).');
    return undefined;
  }
  return { format, destination: 'insert', length: KEY_FORMAT_INFO[format].length, count: selections.length };
}

async function copyKey(format: KeyFormat): Promise<GenerateKeyResult> {
  const key = generateKey(format);
  await vscode.env.clipboard.writeText(key);
  void vscode.window.showInformationMessage(`Copied a new ${format} key (${key.length} characters) to the clipboard.`);
  return { format, destination: 'clipboard', length: key.length, count: 1 };
}
