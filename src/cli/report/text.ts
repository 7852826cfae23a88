import { ScanResult } from '../scan/scan';

/** `path:line:column: severity rule message` per finding (1-based), then a summary line. */
export function formatText(result: ScanResult): string {
  const lines = result.findings.map(({ path, finding }) => {
    const { line, character } = finding.range.start;
    return `${path}:${line + 1}:${character + 1}: ${finding.severity} ${finding.rule} ${finding.message}\n`;
  });
  return lines.join('') + summary(result) + '\n';
}

function summary(result: ScanResult): string {
  const scanned = `(${count(result.filesScanned, 'file')} scanned)`;
  if (result.findings.length === 0) {
    return `No findings ${scanned}`;
  }
  const files = new Set(result.findings.map((f) => f.path)).size;
  return `${count(result.findings.length, 'finding')} in ${count(files, 'file')} ${scanned}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
