/**
 * The project-level checks in the editor (env-file-not-ignored, env-file-tracked,
 * secret-key-in-history, shared-secret-key), run per workspace folder, off the typing path: when a
 * dotenv file (or a Python file holding a key) opens or is saved, when an ignore or env file
 * changes on disk, after Scan Workspace, and when settings or workspace trust change; each run
 * waits 500 ms for more of these. Results go to a diagnostic collection of their own (same name
 * and source as the live one; the Problems panel shows both), so the live diagnostics of a file
 * and its project-level ones never overwrite each other.
 *
 * git runs only in a trusted workspace, on local files; otherwise the .gitignore files decide
 * whether an env file is ignored, and the tracked and history checks are skipped.
 * Logs paths, counts, rule ids and timings; never a key.
 */
import * as vscode from 'vscode';
import { DocumentKind } from '../core';
import { checkHygiene, fileKeys, HygieneContext, HygieneSource, ProjectFinding } from '../core/hygiene';
import { errorName, settingsFor, targetFor } from './checker';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { DEFAULT_HISTORY_LIMITS, GitFacts, HistoryCache } from './gitFacts';
import { HygieneActions, IGNORE_COMMAND, ignoreCommand, STOP_TRACKING_COMMAND, stopTrackingCommand } from './hygieneActions';
import { DOTENV_GLOB, dotenvFiles, folderOf, sourceOf } from './hygieneSources';
import { WorkspaceProjectReader } from './projectReader';
import { ScanSummary } from './scanSummary';
import { WorkspaceScanner } from './scanWorkspace';
import { Settings, SETTINGS_SECTION, toEngineOptions } from './settings';

export const HYGIENE_DEBOUNCE_MS = 500;

/** Live-diagnostic rules whose Python files hold a key the project checks compare. */
const PYTHON_KEY_RULES: ReadonlySet<unknown> = new Set(['hardcoded-secret-key', 'secret-key-env-default']);

/**
 * Everything the project checks need in the editor: the events that start a run, the quick fixes
 * and the internal commands behind them. Starts a run for the documents already open.
 */
export function registerHygiene(checker: HygieneChecker, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher(`{**/.gitignore,${DOTENV_GLOB}}`);
  const changed = (uri: vscode.Uri): void => checker.noteFileChange(uri);
  const selector: vscode.DocumentSelector = [{ language: 'dotenv' }, { scheme: 'file', pattern: DOTENV_GLOB }];
  vscode.workspace.textDocuments.forEach((document) => checker.noteDocument(document));
  return [
    watcher,
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete(changed),
    vscode.workspace.onDidOpenTextDocument((document) => checker.noteDocument(document)),
    vscode.workspace.onDidSaveTextDocument((document) => checker.noteDocument(document)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => checker.rerunAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) checker.rerunAll();
    }),
    vscode.languages.registerCodeActionsProvider(selector, new HygieneActions(), { providedCodeActionKinds: HygieneActions.kinds }),
    vscode.commands.registerCommand(IGNORE_COMMAND, (arg?: unknown) => ignoreCommand(checker, log, arg)),
    vscode.commands.registerCommand(STOP_TRACKING_COMMAND, (arg?: unknown) => stopTrackingCommand(checker, log, arg)),
  ];
}

/** Scan Workspace, then the project checks over what it found (the summary counts the scan's findings). */
export async function scanWithProjectChecks(
  scanner: WorkspaceScanner,
  checker: HygieneChecker,
  scanResults: vscode.DiagnosticCollection,
): Promise<ScanSummary | undefined> {
  const summary = await scanner.run();
  if (summary && !summary.cancelled) await checker.afterScan(scanResults);
  return summary;
}

export class HygieneChecker implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Folders with a run in progress: whether another was asked for meanwhile, and when all are done. */
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Python files known to hold a key, by URI. */
  private readonly pythonWithKeys = new Map<string, vscode.Uri>();
  /** Files each folder's last run published diagnostics for. */
  private readonly published = new Map<string, Set<string>>();
  private readonly history = new HistoryCache();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** A document opened or saved: env files and Python files holding a key schedule a run. */
  noteDocument(document: vscode.TextDocument): void {
    const target = targetFor(document.uri, document.languageId);
    const folder = folderOf(document.uri);
    if (!target || !folder) return;
    if (target.kind === 'python' && !this.notePython(document.uri, document.getText(), target.settings)) return;
    this.schedule(folder);
  }

  /** A file changed on disk (an ignore file, an env file): its folder is checked again. */
  noteFileChange(uri: vscode.Uri): void {
    const folder = folderOf(uri);
    if (folder) this.schedule(folder);
  }

  /** After Scan Workspace: the Python files the scan found a key in join the checks; every folder runs now. */
  async afterScan(scanResults: vscode.DiagnosticCollection): Promise<void> {
    scanResults.forEach((uri, diagnostics) => {
      if (diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE && PYTHON_KEY_RULES.has(codeOf(d)))) {
        this.pythonWithKeys.set(uri.toString(), uri);
      }
    });
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.run(folder)));
  }

  /** Settings or trust changed: every folder is checked again. */
  rerunAll(): void {
    (vscode.workspace.workspaceFolders ?? []).forEach((folder) => this.schedule(folder));
  }

  /** Checks the folder now (a run in progress is followed by one more). */
  run(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const inProgress = this.running.get(key);
    if (inProgress) {
      inProgress.again = true;
      return inProgress.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = this.runUntilQuiet(folder, state).finally(() => this.running.delete(key));
    this.running.set(key, state);
    return state.done;
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private schedule(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(folder);
      }, HYGIENE_DEBOUNCE_MS),
    );
  }

  /** Whether the Python file is (or was) known to hold a key; updates what is known. */
  private notePython(uri: vscode.Uri, text: string, settings: Settings): boolean {
    const known = this.pythonWithKeys.has(uri.toString());
    const holds = (fileKeys(uri.path, text, toEngineOptions(settings), 'python')?.sightings.length ?? 0) > 0;
    if (holds) this.pythonWithKeys.set(uri.toString(), uri);
    else this.pythonWithKeys.delete(uri.toString());
    return holds || known;
  }

  private async runUntilQuiet(folder: vscode.WorkspaceFolder, state: { again: boolean }): Promise<void> {
    do {
      state.again = false;
      try {
        await this.check(folder);
      } catch (error) {
        this.log.error(`Project checks of ${folder.name} failed (${errorName(error)}).`);
      }
    } while (state.again);
  }

  private async check(folder: vscode.WorkspaceFolder): Promise<void> {
    const started = Date.now();
    const settings = settingsFor(folder.uri);
    const sources = settings.enable ? await this.sources(folder, settings) : [];
    const { context, git } = this.contextFor(folder, settings);
    const findings = await checkHygiene(sources, context);
    this.publish(folder, findings);
    const rules = [...new Set(findings.map((f) => f.finding.rule))].join(', ');
    this.log.info(
      `Project checks of ${folder.name}: ${findings.length} finding(s)${rules ? ` [${rules}]` : ''} in ${sources.length} file(s) ` +
        `with keys or env files, git ${git} (${Date.now() - started} ms).`,
    );
  }

  private async sources(folder: vscode.WorkspaceFolder, settings: Settings): Promise<HygieneSource[]> {
    const inFolder = [...this.pythonWithKeys.values()].filter((uri) => folderOf(uri)?.uri.toString() === folder.uri.toString());
    const files: { uri: vscode.Uri; kind: DocumentKind }[] = [
      ...(await dotenvFiles(folder, settings)).map((uri) => ({ uri, kind: 'dotenv' as const })),
      ...inFolder.map((uri) => ({ uri, kind: 'python' as const })),
    ];
    const read = await Promise.all(files.map(({ uri, kind }) => sourceOf(uri, kind, settings)));
    return read.filter((source): source is HygieneSource => source !== undefined);
  }

  /** git only in a trusted workspace, on local files; the ignore files are read through the editor. */
  private contextFor(folder: vscode.WorkspaceFolder, settings: Settings): { context: HygieneContext; git: string } {
    const options = toEngineOptions(settings);
    const reader = new WorkspaceProjectReader(folder.uri);
    if (!vscode.workspace.isTrusted || folder.uri.scheme !== 'file') {
      return { context: { options, reader }, git: vscode.workspace.isTrusted ? 'not used (not local)' : 'not used (untrusted)' };
    }
    const limits = { ...DEFAULT_HISTORY_LIMITS, commits: settings.historyDepth };
    const git = new GitFacts((path) => folder.uri.with({ path }).fsPath, limits, this.history);
    return { context: { options, reader, git }, git: 'asked' };
  }

  private publish(folder: vscode.WorkspaceFolder, findings: readonly ProjectFinding[]): void {
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const { path, finding } of findings) {
      const uri = folder.uri.with({ path });
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(toDiagnostic(finding));
      byFile.set(uri.toString(), entry);
    }
    const key = folder.uri.toString();
    for (const stale of this.published.get(key) ?? []) {
      if (!byFile.has(stale)) this.collection.delete(vscode.Uri.parse(stale));
    }
    byFile.forEach(({ uri, diagnostics }) => this.collection.set(uri, diagnostics));
    this.published.set(key, new Set(byFile.keys()));
  }
}

function codeOf(diagnostic: vscode.Diagnostic): unknown {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}
