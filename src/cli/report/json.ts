import { ScanResult } from '../scan/scan';

/** Version of the JSON report's shape; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/**
 * `{"version": 1, "findings": [...]}`: 1-based lines and columns, columns in UTF-16 code units,
 * end exclusive. Pretty-printed with a trailing newline.
 */
export function formatJson(result: ScanResult): string {
  const findings = result.findings.map(({ path, finding }) => ({
    path,
    rule: finding.rule,
    severity: finding.severity,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    message: finding.message,
    weaknesses: [...finding.weaknesses],
  }));
  return JSON.stringify({ version: JSON_REPORT_VERSION, findings }, null, 2) + '\n';
}
