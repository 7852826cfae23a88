/**
 * Diagnostics for open documents: published at once when a document opens (and for documents
 * already open at activation), again 300 ms after the last edit, and deleted when it closes.
 * Closing also clears diagnostics a workspace scan put on that file: a closed file keeps
 * problems only until it is opened and closed, or until the next scan.
 */
import * as vscode from 'vscode';
import { Checker, targetFor } from './checker';
import { toDiagnostic } from './diagnostics';

export const CHANGE_DEBOUNCE_MS = 300;

export class LiveDiagnostics implements vscode.Disposable {
  /** Pending re-checks by document URI. */
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly checker: Checker,
  ) {}

  /** Checks the document now and publishes (or removes) its diagnostics. */
  refresh(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    const diagnostics = this.check(document);
    if (diagnostics) {
      this.collection.set(document.uri, diagnostics);
    } else {
      this.collection.delete(document.uri);
    }
  }

  /** Re-checks the document once edits pause. */
  schedule(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    const key = document.uri.toString();
    const timer = setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) {
        this.refresh(document);
      }
    }, CHANGE_DEBOUNCE_MS);
    this.pending.set(key, timer);
  }

  close(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    this.collection.delete(document.uri);
    this.checker.forget(document.uri);
  }

  /**
   * After a settings change: drops every diagnostic (workspace scan results included, as they may
   * no longer match the settings) and re-checks the open documents.
   */
  reset(openDocuments: readonly vscode.TextDocument[]): void {
    this.collection.clear();
    openDocuments.forEach((document) => this.refresh(document));
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
  }

  /** The document's diagnostics, or undefined when it is not checked. */
  private check(document: vscode.TextDocument): vscode.Diagnostic[] | undefined {
    const target = targetFor(document.uri, document.languageId);
    if (!target) {
      return undefined;
    }
    const text = document.getText();
    if (!this.checker.withinSizeLimit(target, Buffer.byteLength(text, 'utf8'))) {
      return undefined;
    }
    return this.checker.analyze(target, text).map(toDiagnostic);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }
}
