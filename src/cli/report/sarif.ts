import { Finding, RULE_IDS, ruleDocsUrl, RuleId, Severity } from '../../core';
import { PROGRAM } from '../command';
import { HOMEPAGE, VERSION } from '../package-info';
import { ScannedFinding, ScanResult } from '../scan/scan';
import { RULE_SUMMARIES, ruleName } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Paths in results are relative to this base, which the consumer (e.g. code scanning) supplies. */
export const SRCROOT = '%SRCROOT%';

/** Key under `partialFingerprints` for the finding's non-reversible value fingerprint. */
export const FINGERPRINT_KEY = 'secretFingerprint/v1';

type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF 2.1.0 log with one run; columns are UTF-16 code units (1-based, end exclusive). */
export function formatSarif(result: ScanResult): string {
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PROGRAM,
            version: VERSION,
            informationUri: HOMEPAGE,
            rules: RULE_IDS.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map(sarifResult),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(rule: RuleId): object {
  return {
    id: rule,
    name: ruleName(rule),
    shortDescription: { text: RULE_SUMMARIES[rule].description },
    helpUri: ruleDocsUrl(rule),
    defaultConfiguration: { level: sarifLevel(RULE_SUMMARIES[rule].severity) },
    properties: { tags: ['security'] },
  };
}

function sarifResult({ path, finding }: ScannedFinding): object {
  return {
    ruleId: finding.rule,
    ruleIndex: RULE_IDS.indexOf(finding.rule),
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(path), uriBaseId: SRCROOT },
          region: region(finding),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
}

function region(finding: Finding): object {
  const { start, end } = finding.range;
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

/** A relative path with forward slashes as a relative URI reference (each segment escaped). */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
