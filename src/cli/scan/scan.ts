import { analyzeText, DEFAULT_ENGINE_OPTIONS, Finding, mayContainFindings } from '../../core';
import { SourceFile } from './collect';
import { compareStrings } from './paths';
import { describeFsError, Problems } from './problems';
import { readSource } from './read';

/** A finding with the path of the file it was found in. */
export interface ScannedFinding {
  readonly path: string;
  readonly finding: Finding;
}

export interface ScanResult {
  /** Sorted by path, then position. */
  readonly findings: readonly ScannedFinding[];
  /** Files read and analysed (skipped and unreadable files are not counted). */
  readonly filesScanned: number;
}

export function scanFiles(files: readonly SourceFile[], maxBytes: number, problems: Problems): ScanResult {
  const findings: ScannedFinding[] = [];
  let filesScanned = 0;
  for (const file of files) {
    const text = loadText(file, maxBytes, problems);
    if (text === undefined) {
      continue;
    }
    filesScanned++;
    for (const finding of analyze(file, text, problems)) {
      findings.push({ path: file.path, finding });
    }
  }
  return { findings: findings.sort(compareScanned), filesScanned };
}

function loadText(file: SourceFile, maxBytes: number, problems: Problems): string | undefined {
  let outcome;
  try {
    outcome = readSource(file.absPath, maxBytes);
  } catch (err) {
    problems.error(file.path, describeFsError(err));
    return undefined;
  }
  if (outcome.status === 'skipped') {
    problems.note(file.path, `skipped, ${outcome.reason}`);
    return undefined;
  }
  if (outcome.invalidUtf8) {
    problems.note(file.path, 'not valid UTF-8; invalid bytes were read as U+FFFD');
  }
  return outcome.text;
}

function analyze(file: SourceFile, text: string, problems: Problems): Finding[] {
  if (!mayContainFindings(text)) {
    return [];
  }
  try {
    return analyzeText(file.path, text, DEFAULT_ENGINE_OPTIONS, file.kind);
  } catch (err) {
    // The engine promises not to throw; if it does, keep scanning the other files. Its message is
    // not printed, since it might quote the text.
    problems.error(file.path, `internal error while analysing (${err instanceof Error ? err.name : 'unknown'})`);
    return [];
  }
}

/** Report order: path, then position, then rule. */
export function compareScanned(a: ScannedFinding, b: ScannedFinding): number {
  const ra = a.finding.range;
  const rb = b.finding.range;
  return (
    compareStrings(a.path, b.path) ||
    ra.start.line - rb.start.line ||
    ra.start.character - rb.start.character ||
    ra.end.line - rb.end.line ||
    ra.end.character - rb.end.character ||
    compareStrings(a.finding.rule, b.finding.rule)
  );
}
