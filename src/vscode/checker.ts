/**
 * The one path from a document's text to findings, shared by live diagnostics and the workspace
 * scan: per-resource settings, document selection, the size limit and the engine call.
 * Logs paths, counts, rule ids and timings only; never document text or a secret value.
 */
import * as vscode from 'vscode';
import { analyzeText, DocumentKind, Finding } from '../core';
import { createDocumentSelector, DocumentIdentity } from './selection';
import { isOverSizeLimit, readSettings, Settings, SETTINGS_SECTION, toEngineOptions } from './settings';

/** Settings as they apply to one resource (file, or workspace folder), read afresh each time. */
export function settingsFor(scope: vscode.Uri): Settings {
  return readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION, scope));
}

export function identityOf(uri: vscode.Uri, languageId?: string): DocumentIdentity {
  return { scheme: uri.scheme, relativePath: vscode.workspace.asRelativePath(uri, false), languageId };
}

/** A document or file accepted for checking, with the settings that apply to it. */
export interface CheckTarget {
  readonly uri: vscode.Uri;
  readonly relativePath: string;
  readonly kind: DocumentKind;
  readonly settings: Settings;
}

/** The check target for one document, or undefined when it is not to be checked. */
export function targetFor(uri: vscode.Uri, languageId?: string): CheckTarget | undefined {
  const settings = settingsFor(uri);
  const identity = identityOf(uri, languageId);
  const kind = createDocumentSelector(settings)(identity);
  return kind && { uri, relativePath: identity.relativePath, kind, settings };
}

/** An error's class name: safe to log, unlike its message, which might quote document text. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

export class Checker {
  /** Documents already reported as too large, so the log says it once per document. */
  private readonly reportedTooLarge = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** False (and logged once) when the target is over its `maxFileSize` limit. */
  withinSizeLimit(target: CheckTarget, bytes: number): boolean {
    if (!isOverSizeLimit(bytes, target.settings.maxFileSize)) {
      return true;
    }
    const key = target.uri.toString();
    if (!this.reportedTooLarge.has(key)) {
      this.reportedTooLarge.add(key);
      this.log.info(
        `Skipped ${target.relativePath}: ${bytes} bytes is over djangoSecrets.maxFileSize (${target.settings.maxFileSize}).`,
      );
    }
    return false;
  }

  /** Runs the engine; a failure is logged and yields no findings. */
  analyze(target: CheckTarget, text: string): Finding[] {
    const started = Date.now();
    try {
      const findings = analyzeText(target.relativePath, text, toEngineOptions(target.settings), target.kind);
      const rules = [...new Set(findings.map((finding) => finding.rule))].join(', ');
      this.log.trace(
        `${target.relativePath}: ${findings.length} finding(s)${rules ? ` [${rules}]` : ''} in ${Date.now() - started} ms`,
      );
      return findings;
    } catch (error) {
      this.log.error(`Analysis of ${target.relativePath} failed (${errorName(error)}).`);
      return [];
    }
  }

  forget(uri: vscode.Uri): void {
    this.reportedTooLarge.delete(uri.toString());
  }
}
