/** The user-facing summary of a workspace scan: counts only, never a path or a value. Free of `vscode`. */
export interface ScanSummary {
  /** Files found by the include globs, minus excludes. */
  readonly total: number;
  /** Files read and analysed. */
  readonly scanned: number;
  readonly findings: number;
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatScanSummary(summary: ScanSummary): string {
  const results = `${count(summary.findings, 'finding')} in ${count(summary.filesWithFindings, 'file')}`;
  if (summary.cancelled) {
    return `Scan cancelled after ${summary.scanned} of ${count(summary.total, 'file')}: ${results}.`;
  }
  return `Scanned ${count(summary.scanned, 'file')}: ${results}.`;
}
