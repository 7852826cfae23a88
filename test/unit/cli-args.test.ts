import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { makeTree, removeTree, runCli } from './cli-harness';

const SPECS = [{ name: 'format', value: 'FORMAT' }, { name: 'output', value: 'FILE' }, { name: 'help', short: 'h' }];

const TOP_HELP = `Usage: django-secret-hygiene <command> [options]
       django-secret-hygiene --help | --version

Finds hardcoded Django SECRET_KEYs, weak keys and literal defaults in
environment lookups, in Python and .env files.

Commands:
  scan        report secret-key problems in Python and .env files
  fix         move a hardcoded SECRET_KEY into a .env file
  rotate      replace the key in .env, keeping the old one as a fallback
  retire      remove the old keys kept as fallbacks from .env
  generate    print new random secret keys

Options:
  -h, --help    show this help and exit
  --version     print the version and exit

Run 'django-secret-hygiene <command> --help' for a command's options.
`;

const SCAN_HELP = `Usage: django-secret-hygiene scan [options] [PATH...]

Reports hardcoded, weak and defaulted Django secret keys in Python and .env files.

Each PATH is a file or a folder (default: the current folder). Folders are
walked recursively for Python files (*.py, *.pyi) and dotenv files (.env,
.env.*, *.env, files under .envs/). While walking, these folders are skipped:
.git, .hg, .svn, node_modules, __pycache__, .tox, .nox, .mypy_cache,
.pytest_cache, site-packages, .venv, venv and any folder containing
pyvenv.cfg; symbolic links to folders are not followed. A file or folder
named on the command line is always scanned; a named file is read as dotenv
if its name says so, and as Python otherwise.

Files with a NUL byte in the first 8 KB (binary) or larger than the size
limit are skipped with a note on standard error. Files are read as UTF-8;
invalid bytes are read as U+FFFD, with a note.

Project checks: whether git ignores, or already tracks, each dotenv file
that holds a key; whether a key is in the git history (the files of the
newest commits over all branches, tags and remotes, each file read once,
files over 512K left out, at most 256M read and 20 seconds spent); and
whether one key is used in more than one of the scanned files. When git
cannot answer, the .gitignore files decide whether a file is ignored.

Options:
  --format FORMAT       report format: text (default), json or sarif
  --output FILE         write the report to FILE instead of standard output
  --max-file-size SIZE  skip files larger than SIZE bytes; K and M suffixes
                        are accepted (default: 5M)
  --no-git              do not run git or read .gitignore files: no
                        env-file-not-ignored, env-file-tracked or
                        secret-key-in-history findings
  --history-depth N     search the files of the newest N commits for the
                        keys (default: 200; 0: no history search)
  -h, --help            show this help and exit
  --                    treat every later argument as a PATH

Positions are 1-based; columns count UTF-16 code units, as the editor does.
Secret values are never printed.

Exit status: 0 no findings, 1 findings, 2 usage or file errors.
`;

function usageError(message: string, command?: string): string {
  const help = command ? `${command} --help` : '--help';
  return `django-secret-hygiene: ${message}\nRun 'django-secret-hygiene ${help}' for usage.\n`;
}

describe('cli argument parser', () => {
  it('reads separate and inline option values, flags and positionals in any order', () => {
    const parsed = parseArgs(['a', '--format', 'json', 'b', '--output=out.sarif', '-h'], SPECS);
    assert.deepEqual(
      [...parsed.options],
      [
        ['format', 'json'],
        ['output', 'out.sarif'],
        ['help', true],
      ],
    );
    assert.deepEqual(parsed.positionals, ['a', 'b']);
  });

  it('takes everything after -- as positionals', () => {
    const parsed = parseArgs(['--', '--format', '-h', '-'], SPECS);
    assert.deepEqual([...parsed.options], []);
    assert.deepEqual(parsed.positionals, ['--format', '-h', '-']);
  });

  it('keeps a lone dash and inline values that start with a dash', () => {
    const parsed = parseArgs(['-', '--output=-x'], SPECS);
    assert.deepEqual([...parsed.options], [['output', '-x']]);
    assert.deepEqual(parsed.positionals, ['-']);
  });

  const bad: [string[], string][] = [
    [['--colour'], "unknown option '--colour'"],
    [['--colour=red'], "unknown option '--colour'"],
    [['--form', 'json'], "unknown option '--form'"],
    [['-x'], "unknown option '-x'"],
    [['-hh'], "unknown option '-hh'"],
    [['--format'], "option '--format' needs a value (FORMAT)"],
    [['--format', '--output', 'x'], "option '--format' needs a value (FORMAT)"],
    [['--format='], "option '--format' needs a value (FORMAT)"],
    [['--help=yes'], "option '--help' takes no value"],
    [['--format', 'json', '--format=text'], "option '--format' given more than once"],
    [['-h', '--help'], "option '--help' given more than once"],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseArgs(argv, SPECS), (err) => err instanceof UsageError && err.message === message);
    });
  }
});

describe('cli top level', () => {
  it('prints the help on --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      assert.deepEqual(await runCli([flag]), { code: 0, stdout: TOP_HELP, stderr: '' });
    }
  });

  it('prints the help on stderr and exits 2 without a command', async () => {
    assert.deepEqual(await runCli([]), { code: 2, stdout: '', stderr: TOP_HELP });
  });

  it("prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.match(version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(await runCli(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  const bad: [string[], string][] = [
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['Scan'], "unknown command 'Scan'"],
    [['--bogus'], "unknown option '--bogus'"],
    [['--version=2'], "option '--version' takes no value"],
    [['--help', 'scan'], "unexpected argument 'scan' (the command comes first)"],
    [['--format', 'json', 'scan'], "unknown option '--format'"],
  ];
  for (const [argv, message] of bad) {
    it(`exits 2 with a usage error on ${argv.join(' ')}`, async () => {
      assert.deepEqual(await runCli(argv), { code: 2, stdout: '', stderr: usageError(message) });
    });
  }
});

describe('cli scan arguments', () => {
  let root: string;
  before(() => {
    root = makeTree({});
  });
  after(() => removeTree(root));

  it('prints its help on --help and -h, even after other options', async () => {
    for (const argv of [['scan', '--help'], ['scan', '-h'], ['scan', '--format', 'json', 'missing.py', '-h']]) {
      assert.deepEqual(await runCli(argv, root), { code: 0, stdout: SCAN_HELP, stderr: '' });
    }
  });

  it('accepts --format json and --format=json alike', async () => {
    const expected = { code: 0, stdout: '{\n  "version": 1,\n  "findings": []\n}\n', stderr: '' };
    assert.deepEqual(await runCli(['scan', '--format', 'json'], root), expected);
    assert.deepEqual(await runCli(['scan', '--format=json'], root), expected);
  });

  it('accepts sizes in bytes, K and M', async () => {
    for (const size of ['1', '512k', '512K', '5M', '5m']) {
      assert.deepEqual(await runCli(['scan', '--max-file-size', size], root), {
        code: 0,
        stdout: 'No findings (0 files scanned)\n',
        stderr: '',
      });
    }
  });

  const bad: [string[], string][] = [
    [['scan', '--format', 'xml'], "invalid --format 'xml' (expected text, json or sarif)"],
    [['scan', '--format=JSON'], "invalid --format 'JSON' (expected text, json or sarif)"],
    [['scan', '--format=toString'], "invalid --format 'toString' (expected text, json or sarif)"],
    [['scan', '--format'], "option '--format' needs a value (FORMAT)"],
    [['scan', '--output'], "option '--output' needs a value (FILE)"],
    [['scan', '--output', '--format', 'json'], "option '--output' needs a value (FILE)"],
    [['scan', '--format=json', '--format', 'text'], "option '--format' given more than once"],
    [['scan', '--verbose'], "unknown option '--verbose'"],
    [['scan', '--version'], "unknown option '--version'"],
    [['scan', '-f', 'json'], "unknown option '-f'"],
    [['scan', '--help=1'], "option '--help' takes no value"],
  ];
  for (const size of ['0', '5G', '5MB', '-1', '1.5M', ' 5', '99999999999999999M']) {
    bad.push([
      ['scan', `--max-file-size=${size}`],
      `invalid --max-file-size '${size}' (expected a positive number of bytes, e.g. 500000, 512K or 5M)`,
    ]);
  }
  for (const [argv, message] of bad) {
    it(`exits 2 with a usage error on ${argv.join(' ')}`, async () => {
      assert.deepEqual(await runCli(argv, root), { code: 2, stdout: '', stderr: usageError(message, 'scan') });
    });
  }

  it('treats arguments after -- as paths', async () => {
    assert.deepEqual(await runCli(['scan', '--', '--format'], root), {
      code: 2,
      stdout: 'No findings (0 files scanned)\n',
      stderr: '--format: error: no such file or folder\n',
    });
  });
});
