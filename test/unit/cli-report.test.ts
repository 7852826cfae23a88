import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeText, Finding, RULE_IDS } from '../../src/core';
import { RULE_SUMMARIES } from '../../src/cli/report/rules';
import { HYGIENE_RULES } from '../../src/core/hygiene';
import { formatJson } from '../../src/cli/report/json';
import { formatSarif } from '../../src/cli/report/sarif';
import { formatText } from '../../src/cli/report/text';
import { ScanResult } from '../../src/cli/scan/scan';
import { runCli } from './cli-harness';
import { assertNoSecrets, PROJECT, PROJECT_FINDINGS, PROJECT_SECRETS } from './cli-project';

/** SHA-256 prefixes of the fixture's values, in finding order (computed outside the engine). */
const PROJECT_FINGERPRINTS = [
  'sha256:8fa56017',
  'sha256:e2186dbd',
  'sha256:55baac76',
  'sha256:a5989af6',
  'sha256:7e9fe5d9',
  'sha256:58bf6c30',
];

const RULE_IDS_IN_ORDER = [
  'hardcoded-secret-key',
  'secret-key-env-default',
  'hardcoded-secret-key-fallbacks',
  'insecure-secret-key',
  'weak-secret-key',
  'hardcoded-secret-setting',
];

describe('cli scan: fixture project reports', () => {
  it('reports exact JSON findings, sorted by path and position, and exits 1', async () => {
    // --no-git: the fixture's .env is committed to this repository, which the git checks would report.
    const run = await runCli(['scan', '--no-git', '--format', 'json'], PROJECT);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, JSON.stringify({ version: 1, findings: PROJECT_FINDINGS }, null, 2) + '\n');
  });

  it('prints one text line per finding and a summary', async () => {
    const run = await runCli(['scan', '--no-git'], PROJECT);
    const lines = PROJECT_FINDINGS.map((f) => `${f.path}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}\n`);
    assert.deepEqual(run, { code: 1, stdout: lines.join('') + '6 findings in 3 files (4 files scanned)\n', stderr: '' });
  });

  it('names paths relative to the current folder, from wherever it is run', async () => {
    const run = await runCli(['scan', '--no-git', '--format=json', 'project/mysite/prod_settings.py', 'project/.env'], join(PROJECT, '..'));
    const findings = (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings;
    assert.deepEqual(
      findings.map((f) => f.path),
      ['project/.env', 'project/mysite/prod_settings.py'],
    );
  });

  it('writes SARIF 2.1.0 for code scanning', async () => {
    const run = await runCli(['scan', '--no-git', '--format', 'sarif'], PROJECT);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.ok(run.stdout.endsWith('}\n'));
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.deepEqual(sarifRun.tool.driver.name, 'django-secret-hygiene');
    assert.match(sarifRun.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.equal(sarifRun.tool.driver.informationUri, 'https://github.com/django-secret-hygiene/django-secret-hygiene');
    assert.deepEqual(
      sarifRun.tool.driver.rules.map((r) => [r.id, r.name, r.helpUri, r.defaultConfiguration.level]),
      [
        ['hardcoded-secret-key', 'HardcodedSecretKey', docs('hardcoded-secret-key'), 'error'],
        ['secret-key-env-default', 'SecretKeyEnvDefault', docs('secret-key-env-default'), 'warning'],
        ['hardcoded-secret-key-fallbacks', 'HardcodedSecretKeyFallbacks', docs('hardcoded-secret-key-fallbacks'), 'error'],
        ['insecure-secret-key', 'InsecureSecretKey', docs('insecure-secret-key'), 'warning'],
        ['weak-secret-key', 'WeakSecretKey', docs('weak-secret-key'), 'warning'],
        ['hardcoded-secret-setting', 'HardcodedSecretSetting', docs('hardcoded-secret-setting'), 'note'],
        ['unstable-secret-key', 'UnstableSecretKey', docs('unstable-secret-key'), 'warning'],
        ['env-file-not-ignored', 'EnvFileNotIgnored', docs('env-file-not-ignored'), 'warning'],
        ['env-file-tracked', 'EnvFileTracked', docs('env-file-tracked'), 'error'],
        ['secret-key-in-history', 'SecretKeyInHistory', docs('secret-key-in-history'), 'error'],
        ['shared-secret-key', 'SharedSecretKey', docs('shared-secret-key'), 'warning'],
      ],
    );
    for (const rule of sarifRun.tool.driver.rules) {
      assert.match(rule.shortDescription.text, /^[A-Z].*\.$/);
    }
    assert.deepEqual(sarifRun.results, PROJECT_FINDINGS.map(expectedResult));
  });

  it('never prints a secret value or a piece of one, in any format', async () => {
    assert.throws(() => assertNoSecrets(`x${PROJECT_SECRETS[0].slice(5, 13)}x`));
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCli(['scan', `--format=${format}`], PROJECT);
      assert.equal(run.code, 1);
      assertNoSecrets(run.stdout + run.stderr);
    }
  });
});

function docs(rule: string): string {
  return `https://github.com/django-secret-hygiene/django-secret-hygiene/blob/main/docs/rules/${rule}.md`;
}

function expectedResult(f: (typeof PROJECT_FINDINGS)[number], index: number): object {
  return {
    ruleId: f.rule,
    ruleIndex: RULE_IDS_IN_ORDER.indexOf(f.rule),
    level: f.severity === 'information' ? 'note' : f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'secretFingerprint/v1': PROJECT_FINGERPRINTS[index] },
  };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    columnKind: string;
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; name: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[];
      };
    };
    results: unknown[];
  }[];
}

describe('cli report formats', () => {
  const finding = (rule: Finding['rule'], severity: Finding['severity'], line: number): Finding => ({
    rule,
    severity,
    range: { start: { line, character: 0 }, end: { line: line + 1, character: 3 } },
    message: 'Message.',
    weaknesses: ['too-short', 'too-few-unique-characters'],
    name: 'SECRET_KEY',
    fingerprint: 'sha256:00000000',
  });
  const result: ScanResult = {
    findings: [
      { path: 'a b/settings.py', finding: finding('weak-secret-key', 'hint', 0) },
      { path: 'a b/settings.py', finding: finding('weak-secret-key', 'information', 4) },
    ],
    filesScanned: 1,
  };

  it('writes 1-based positions in text and a singular summary', () => {
    assert.equal(
      formatText(result),
      'a b/settings.py:1:1: hint weak-secret-key Message.\n' +
        'a b/settings.py:5:1: information weak-secret-key Message.\n' +
        '2 findings in 1 file (1 file scanned)\n',
    );
    assert.equal(formatText({ findings: [], filesScanned: 0 }), 'No findings (0 files scanned)\n');
  });

  it('writes JSON with exclusive 1-based ends', () => {
    const json = JSON.parse(formatJson(result)) as { findings: object[] };
    assert.deepEqual(json.findings[0], {
      path: 'a b/settings.py',
      rule: 'weak-secret-key',
      severity: 'hint',
      line: 1,
      column: 1,
      endLine: 2,
      endColumn: 4,
      message: 'Message.',
      weaknesses: ['too-short', 'too-few-unique-characters'],
    });
  });

  it('maps hint and information to SARIF note and escapes paths as URIs', () => {
    const log = JSON.parse(formatSarif(result)) as { runs: { results: { level: string; ruleIndex: number; locations: unknown[] }[] }[] };
    const results = log.runs[0].results;
    assert.deepEqual(
      results.map((r) => [r.level, r.ruleIndex]),
      [
        ['note', 4],
        ['note', 4],
      ],
    );
    assert.deepEqual(results[0].locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'a%20b/settings.py', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 4 },
        },
      },
    ]);
  });
});

describe('cli SARIF rule table', () => {
  it("gives each rule the engine's severity for a settings module of no particular kind", () => {
    const strong = 'tbl-Zx8!Cv7@Bn6#Mq5%Wl4%Er3^Ty2&Ui1*Op0(As)Df-Gh+Jk=Lp';
    const python = [
      `SECRET_KEY = "${strong}"`,
      `JWT_SECRET_KEY = "${strong}"`,
      `SECRET_KEY_FALLBACKS = ["${strong}"]`,
      `OTHER_SECRET_KEY = os.environ.get("SECRET_KEY", "${strong}")`,
      'SECRET_KEY = get_random_secret_key()',
    ].join('\n');
    const dotenv = 'SECRET_KEY=django-insecure-abcdefghijklmnopqrstuvwxyz0123456789\nDJANGO_SECRET_KEY=short\n';
    const found = [...analyzeText('config/settings.py', python), ...analyzeText('config/.env', dotenv)];
    const severities = new Map(found.map((f) => [f.rule, f.severity]));
    // The project-level rules are checked in hygiene-core.test.ts.
    const fileRules = RULE_IDS.filter((rule) => !(HYGIENE_RULES as readonly string[]).includes(rule));
    assert.deepEqual([...severities.keys()].sort(), [...fileRules].sort());
    for (const rule of fileRules) {
      assert.equal(RULE_SUMMARIES[rule].severity, severities.get(rule), rule);
    }
  });
});
