/**
 * The "Scan Workspace" command: checks every file that matches `djangoSecrets.include` and neither
 * `djangoSecrets.exclude` nor `files.exclude`, in each workspace folder, and puts the results in the
 * Problems panel (the same collection as live diagnostics). Files open in the editor are read from
 * the editor, others from disk. A file's scan results stay until the next scan, a settings change,
 * or until the file is opened and closed again (closing clears a file's diagnostics).
 */
import * as vscode from 'vscode';
import { CheckTarget, Checker, errorName, identityOf, settingsFor } from './checker';
import { toDiagnostic } from './diagnostics';
import { formatScanSummary, ScanSummary } from './scanSummary';
import { createDocumentSelector } from './selection';

/** Files read and analysed concurrently. */
const BATCH_SIZE = 8;

type OpenDocuments = ReadonlyMap<string, vscode.TextDocument>;
type Progress = vscode.Progress<{ message?: string; increment?: number }>;

function openDocuments(): OpenDocuments {
  return new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
}

export class WorkspaceScanner {
  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly checker: Checker,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Runs the scan with a cancellable progress notification; resolves to its summary (undefined without a folder). */
  async run(): Promise<ScanSummary | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Django Secrets: open a folder to scan it.');
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Django Secrets: scanning workspace', cancellable: true },
      (progress, token) => this.scan(folders, progress, token),
    );
    void vscode.window.showInformationMessage(formatScanSummary(summary));
    return summary;
  }

  private async scan(
    folders: readonly vscode.WorkspaceFolder[],
    progress: Progress,
    token: vscode.CancellationToken,
  ): Promise<ScanSummary> {
    const started = Date.now();
    const open = openDocuments();
    const targets = await this.findTargets(folders, open, token);
    const analysed = new Set<string>();
    let findings = 0;
    let filesWithFindings = 0;
    for (let start = 0; start < targets.length && !token.isCancellationRequested; start += BATCH_SIZE) {
      const batch = targets.slice(start, start + BATCH_SIZE);
      const counts = await Promise.all(batch.map((target) => this.scanFile(target, open)));
      counts.forEach((count, index) => {
        if (count !== undefined) {
          analysed.add(batch[index].uri.toString());
          findings += count;
          filesWithFindings += count > 0 ? 1 : 0;
        }
      });
      const done = start + batch.length;
      progress.report({ increment: (100 * batch.length) / targets.length, message: `${done}/${targets.length} files` });
    }
    const cancelled = token.isCancellationRequested;
    if (!cancelled) {
      this.removeStale(analysed);
    }
    const summary = { total: targets.length, scanned: analysed.size, findings, filesWithFindings, cancelled };
    this.log.info(`${formatScanSummary(summary)} (${Date.now() - started} ms)`);
    return summary;
  }

  /** Every file to check, across the workspace folders, each once. */
  private async findTargets(
    folders: readonly vscode.WorkspaceFolder[],
    open: OpenDocuments,
    token: vscode.CancellationToken,
  ): Promise<CheckTarget[]> {
    const targets = new Map<string, CheckTarget>();
    for (const folder of folders) {
      const settings = settingsFor(folder.uri);
      if (!settings.enable) {
        this.log.info(`Workspace folder ${folder.name} skipped: djangoSecrets.enable is off.`);
        continue;
      }
      const select = createDocumentSelector(settings);
      for (const glob of settings.include) {
        // `undefined` as the exclude argument keeps the user's files.exclude in force.
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), undefined, undefined, token);
        for (const uri of uris) {
          const identity = identityOf(uri, open.get(uri.toString())?.languageId);
          const kind = targets.has(uri.toString()) ? undefined : select(identity);
          if (kind) {
            targets.set(uri.toString(), { uri, relativePath: identity.relativePath, kind, settings });
          }
        }
      }
    }
    return [...targets.values()];
  }

  /** Publishes one file's diagnostics; resolves to its finding count, or undefined when it was not analysed. */
  private async scanFile(target: CheckTarget, open: OpenDocuments): Promise<number | undefined> {
    const text = await this.readText(target, open.get(target.uri.toString()));
    if (text === undefined) {
      return undefined;
    }
    // analyzeText applies the cheap mayContainFindings prefilter itself.
    const findings = this.checker.analyze(target, text);
    this.collection.set(target.uri, findings.map(toDiagnostic));
    return findings.length;
  }

  /** The editor's text for an open document, else the file's content; undefined when too large or unreadable. */
  private async readText(target: CheckTarget, document: vscode.TextDocument | undefined): Promise<string | undefined> {
    try {
      if (document) {
        const text = document.getText();
        return this.checker.withinSizeLimit(target, Buffer.byteLength(text, 'utf8')) ? text : undefined;
      }
      const { size } = await vscode.workspace.fs.stat(target.uri);
      if (!this.checker.withinSizeLimit(target, size)) {
        return undefined;
      }
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(target.uri));
    } catch (error) {
      this.log.warn(`Could not read ${target.relativePath} (${errorName(error)}).`);
      return undefined;
    }
  }

  /** After a complete scan: drops diagnostics of files neither analysed now nor open (deleted, now excluded). */
  private removeStale(analysed: ReadonlySet<string>): void {
    const open = openDocuments();
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!analysed.has(uri.toString()) && !open.has(uri.toString())) {
        stale.push(uri);
      }
    });
    stale.forEach((uri) => this.collection.delete(uri));
  }
}
