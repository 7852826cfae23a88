/**
 * Diagnostics as plain data, for exact comparisons in the real-editor tests: a whole list compares
 * with one deepStrictEqual, and a mismatch is reported as a diff of what is there.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor, workspaceUri } from './util';

export const SOURCE = 'django-secrets';
export const DOCS = 'https://github.com/django-secret-hygiene/django-secret-hygiene/blob/main/docs/rules';

export interface Seen {
  code: string;
  docs: string;
  source: string | undefined;
  severity: string;
  range: [number, number, number, number];
  message: string;
}

export function seen(diagnostic: vscode.Diagnostic): Seen {
  const code = diagnostic.code;
  const { start, end } = diagnostic.range;
  return {
    code: typeof code === 'object' ? String(code.value) : String(code),
    docs: typeof code === 'object' ? code.target.toString(true) : '(no link)',
    source: diagnostic.source,
    severity: vscode.DiagnosticSeverity[diagnostic.severity],
    range: [start.line, start.character, end.line, end.character],
    message: diagnostic.message,
  };
}

/** This extension's diagnostics for a file, as plain data. */
export function ours(uri: vscode.Uri): Seen[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE)
    .map(seen);
}

/** Waits until the file's diagnostics are exactly `expected` (order included). */
export async function expectDiagnostics(relativePath: string, expected: Seen[], timeoutMs = 60_000): Promise<void> {
  const uri = workspaceUri(relativePath);
  const wanted = JSON.stringify(expected);
  try {
    await waitFor(() => JSON.stringify(ours(uri)) === wanted, { timeoutMs, message: `diagnostics of ${relativePath}` });
  } catch {
    throw new assert.AssertionError({
      message: `diagnostics of ${relativePath} were not as expected after ${timeoutMs} ms`,
      actual: ours(uri),
      expected,
      operator: 'deepStrictEqual',
    });
  }
}
