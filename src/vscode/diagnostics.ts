/** Converts engine findings into VS Code diagnostics. */
import * as vscode from 'vscode';
import { Finding, ruleDocsUrl, Severity } from '../core';

/** The diagnostic collection's name and every diagnostic's `source`. */
export const DIAGNOSTIC_SOURCE = 'django-secrets';

const SEVERITIES: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITIES[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(ruleDocsUrl(finding.rule)) };
  return diagnostic;
}
