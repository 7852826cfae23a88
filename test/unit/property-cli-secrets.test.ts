// No secret escapes: whatever the CLI prints (scan in every format, fix --dry-run, fix and its
// refusals and errors), no key of the project, nor any 8-character piece of one, is in it.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CliRun, removeTree, runCli } from './cli-harness';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { asciiKey, expectedFingerprint, piecesOf } from '../property/keys';
import { checkAsyncProperty, timeLimit } from '../property/run';
import { buildModule, filler, FILLER, KEY_FORMS, literalChoice, renderLiteral } from '../property/settings';
import { makeProject, treeState } from '../property/tree';

const LOADERS = ['auto', 'dotenv', 'decouple', 'environ', 'os'] as const;

interface Scenario {
  readonly name: string;
  readonly argv: (loader: string) => string[];
  /** Changes the project before the run (a folder in the way, a bad byte, ...). */
  readonly prepare?: (root: string) => void;
  /** Whether the command may change files (a real fix that is not refused). */
  readonly writes?: boolean;
  /** A report file the command writes, read as output too. */
  readonly output?: string;
}

const SETTINGS = 'mysite/settings.py';

const SCENARIOS: readonly Scenario[] = [
  { name: 'scan', argv: () => ['scan'] },
  { name: 'scan --format json', argv: () => ['scan', '--format', 'json'] },
  { name: 'scan --format sarif', argv: () => ['scan', '--format', 'sarif'] },
  { name: 'scan --format sarif --output', argv: () => ['scan', '--format', 'sarif', '--output', 'report.sarif'], output: 'report.sarif', writes: true },
  { name: 'scan --format json --output', argv: () => ['scan', '--format', 'json', '--output', 'report.json'], output: 'report.json', writes: true },
  { name: 'scan of named files', argv: () => ['scan', SETTINGS, '.env', 'manage.py'] },
  {
    name: 'scan of a file with invalid UTF-8',
    argv: () => ['scan', '--format', 'json'],
    prepare: (root) => writeFileSync(join(root, SETTINGS), Buffer.concat([readFileSync(join(root, SETTINGS)), Buffer.from([0xff, 0xfe, 0x0a])])),
  },
  { name: 'fix --dry-run', argv: (loader) => ['fix', '--dry-run', '--loader', loader, SETTINGS] },
  { name: 'fix --dry-run --rotate', argv: (loader) => ['fix', '--dry-run', '--rotate', '--loader', loader, SETTINGS] },
  { name: 'fix', argv: (loader) => ['fix', '--loader', loader, SETTINGS], writes: true },
  { name: 'fix --rotate', argv: (loader) => ['fix', '--rotate', '--loader', loader, SETTINGS], writes: true },
  {
    name: 'fix refused: python-decouple would not find the .env file',
    argv: () => ['fix', '--loader', 'decouple', '--env-file', 'config/.env', SETTINGS],
    prepare: (root) => mkdirSync(join(root, 'config')),
  },
  { name: 'fix error: .env is a folder', argv: (loader) => ['fix', '--loader', loader, SETTINGS], prepare: (root) => folderAt(root, '.env') },
  { name: 'fix error: .env.example is a folder', argv: (loader) => ['fix', '--loader', loader, SETTINGS], prepare: (root) => folderAt(root, '.env.example') },
  { name: 'fix error: --env-file outside the project', argv: (loader) => ['fix', '--loader', loader, '--env-file', '../outside.env', SETTINGS] },
  { name: 'fix error: --env-file in a missing folder', argv: (loader) => ['fix', '--loader', loader, '--env-file', 'nowhere/.env', SETTINGS] },
  {
    name: 'fix error: settings not valid UTF-8',
    argv: (loader) => ['fix', '--loader', loader, SETTINGS],
    prepare: (root) => writeFileSync(join(root, SETTINGS), Buffer.concat([readFileSync(join(root, SETTINGS)), Buffer.from([0xc3, 0x28, 0x0a])])),
  },
  {
    name: 'fix error: .env not valid UTF-8',
    argv: (loader) => ['fix', '--loader', loader, SETTINGS],
    prepare: (root) => writeFileSync(join(root, '.env'), Buffer.concat([existsSync(join(root, '.env')) ? readFileSync(join(root, '.env')) : Buffer.alloc(0), Buffer.from('BAD=\xff\n', 'latin1')])),
  },
  { name: 'fix error: a read-only settings file', argv: (loader) => ['fix', '--loader', loader, SETTINGS], prepare: (root) => chmodSync(join(root, SETTINGS), 0o444) },
  { name: 'fix usage error', argv: (loader) => ['fix', '--loader', loader, SETTINGS, 'extra'] },
];

function folderAt(root: string, rel: string): void {
  rmSync(join(root, rel), { force: true });
  mkdirSync(join(root, rel));
  writeFileSync(join(root, rel, 'keep'), '');
}

/** What .env holds before the run; every key in it is a secret too. */
const ENV_STATES = ['none', 'insecure key', 'other secret', 'different key'] as const;

const secretsCase = fc
  .record({
    form: fc.oneof(fc.constantFrom(...KEY_FORMS.filter((f) => f.rule === 'hardcoded-secret-key')), fc.constantFrom(...KEY_FORMS)),
    key: asciiKey,
    dollar: fc.nat({ max: 4 }).map((n) => n === 0),
    literal: literalChoice,
    before: filler,
    after: filler,
    fallbackKey: fc.option(asciiKey, { nil: undefined, freq: 2 }),
    passwordKey: fc.option(asciiKey, { nil: undefined, freq: 2 }),
    env: fc.constantFrom(...ENV_STATES, 'none', 'other secret'),
    envKey: asciiKey,
    scenario: fc.constantFrom(...SCENARIOS),
    loader: fc.constantFrom(...LOADERS),
  });
type SecretsCase = typeof secretsCase extends fc.Arbitrary<infer T> ? T : never;

function settingsKey(c: SecretsCase): string {
  return (c.dollar ? '$' : '') + c.key;
}

function projectFiles(c: SecretsCase): Record<string, string> {
  const extra = [
    ...(c.fallbackKey === undefined ? [] : [`SECRET_KEY_FALLBACKS = ['${c.fallbackKey}']`]),
    ...(c.passwordKey === undefined ? [] : [`EMAIL_HOST_PASSWORD = "${c.passwordKey}"`]),
  ];
  const module = buildModule(c.form, renderLiteral(settingsKey(c), c.literal), c.before, [...extra, ...c.after]);
  const env: Record<(typeof ENV_STATES)[number], string | undefined> = {
    none: undefined,
    'insecure key': `DEBUG=1\nDJANGO_SECRET_KEY='django-insecure-${c.envKey}'\n`,
    'other secret': `DEBUG=1\nDATABASE_PASSWORD='${c.envKey}'\nOTHER=1\n`,
    'different key': `DJANGO_SECRET_KEY='${c.envKey}'\n`,
  };
  const envText = env[c.env];
  return {
    'manage.py': '#!/usr/bin/env python\nimport sys\n',
    'mysite/__init__.py': '',
    [SETTINGS]: module.text,
    'requirements.txt': 'Django>=4.2\n',
    ...(envText === undefined ? {} : { '.env': envText }),
  };
}

/** The secret part of every key in the project (a startproject key without its well-known prefix). */
function secretsOf(c: SecretsCase): string[] {
  const all = [settingsKey(c), c.fallbackKey, c.passwordKey, c.env === 'none' ? undefined : c.envKey];
  return all.filter((k): k is string => k !== undefined).map((k) => k.replace(/^\$?(?:django-insecure-)+/, ''));
}

/** Which secret (by index and fingerprint, never the value) leaks into which output. */
function leaks(secrets: readonly string[], outputs: Record<string, string>): string[] {
  const found: string[] = [];
  secrets.forEach((secret, i) => {
    for (const [where, text] of Object.entries(outputs)) {
      const piece = piecesOf(secret).findIndex((p) => text.includes(p));
      if (piece >= 0) found.push(`secret ${i} (${expectedFingerprint(secret)}) from character ${piece} in ${where}`);
    }
  });
  return found;
}

function show(c: SecretsCase): string {
  return JSON.stringify({
    scenario: c.scenario.name,
    loader: c.loader,
    form: c.form.title,
    literal: c.literal,
    dollar: c.dollar,
    fallbackKey: c.fallbackKey !== undefined,
    passwordKey: c.passwordKey !== undefined,
    env: c.env,
    before: c.before.map((l) => FILLER.indexOf(l)),
    after: c.after.map((l) => FILLER.indexOf(l)),
    secrets: secretsOf(c).map(expectedFingerprint),
  });
}

describe('property: no key of the project in anything the CLI prints', function () {
  this.timeout(timeLimit(90_000));

  it('scan in every format, fix --dry-run, fix and its refusals and errors', async () => {
    await checkAsyncProperty(
      fc.asyncProperty(secretsCase, async (c) => {
        const root = makeProject(projectFiles(c));
        try {
          c.scenario.prepare?.(root);
          const before = treeState(root);
          const run: CliRun = await runCli(c.scenario.argv(c.loader), root);
          const outputs: Record<string, string> = { stdout: run.stdout, stderr: run.stderr };
          if (c.scenario.output && existsSync(join(root, c.scenario.output))) outputs[c.scenario.output] = readFileSync(join(root, c.scenario.output), 'utf8');
          const secrets = secretsOf(c);
          // A rotated key written to .env is a secret as well.
          const env = existsSync(join(root, '.env')) && !c.scenario.name.includes('folder') ? parseDotenv(readFileSync(join(root, '.env'), 'utf8')) : [];
          for (const e of env) if (e.value && e.value.length >= 8) secrets.push(e.value.replace(/^(?:django-insecure-)+/, ''));
          assert.deepEqual(leaks(secrets, outputs), [], `exit ${run.code}`);
          assert.ok(run.code >= 0 && run.code <= 2, `exit ${run.code}`);
          if (!c.scenario.writes) assert.deepEqual(treeState(root), before, 'files changed');
        } finally {
          chmodSync(root, 0o755);
          removeTree(root);
        }
      }),
      { runs: 120, show: ([c]) => show(c) },
    );
  });
});
