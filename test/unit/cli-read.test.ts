import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Problems } from '../../src/cli/scan/problems';
import { scanFiles } from '../../src/cli/scan/scan';
import { makeTree, removeTree, runCli, runCliUnprivileged } from './cli-harness';

// Made-up keys, 54 characters each: long and varied enough that only the hardcoding is reported.
const KEY = 'inv-Zx8!Cv7@Bn6#Mq5%Wl4%Er3^Ty2&Ui1*Op0(As)Df-Gh+Jk=Lp';
const MiB = 1024 * 1024;
const MESSAGE =
  'SECRET_KEY is hardcoded in source code: anyone who can read this file can forge sessions, password-reset ' +
  'tokens, cookie-stored messages and anything signed with django.core.signing. Move it to an environment variable.';

/** The JSON report entry the engine gives for `SECRET_KEY = "<KEY>"` starting at `column`. */
function hardcoded(path: string, line: number, column: number): object {
  return {
    path,
    rule: 'hardcoded-secret-key',
    severity: 'error',
    line,
    column,
    endLine: line,
    endColumn: column + 56,
    message: MESSAGE,
    weaknesses: [],
  };
}

function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

async function scanJson(root: string, args: string[]): Promise<{ code: number; findings: unknown; stderr: string }> {
  const run = await runCli(['scan', '--format', 'json', ...args], root);
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: unknown }).findings, stderr: run.stderr };
}

describe('cli scan: reading files', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'binary.py': bytes(`SECRET_KEY = "${KEY}"\n`, [0], 'rest'),
      'late-nul.py': bytes('#'.repeat(8191), '\n', [0], '\n'),
      'exact.py': 'x = 1\n'.repeat(2),
      'bigger.py': 'x = 1\n'.repeat(2) + '\n',
      'huge.py': Buffer.alloc(5 * MiB + 1, 0x20),
      'limit.py': Buffer.alloc(5 * MiB, 0x20),
      'bom.py': bytes([0xef, 0xbb, 0xbf], `SECRET_KEY = "${KEY}"\n`),
      'nobom.py': `SECRET_KEY = "${KEY}"\n`,
      'invalid.py': bytes('A, SECRET_KEY = "', [0xff, 0xe2, 0x82], `", "${KEY}"\n`),
      'crlf/settings.py': `# caf\u00e9 \ud83d\ude00\r\nSECRET_KEY = "${KEY}"\r\n`,
    });
  });
  after(() => removeTree(root));

  it('skips a file with a NUL byte in its first 8 KB, with a note', async () => {
    assert.deepEqual(await runCli(['scan', 'binary.py', 'late-nul.py'], root), {
      code: 0,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'binary.py: note: skipped, binary file (NUL byte in the first 8 KB)\n',
    });
  });

  it('skips files over the size limit (5M by default), with a note', async () => {
    assert.deepEqual(await runCli(['scan', 'huge.py', 'limit.py'], root), {
      code: 0,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'huge.py: note: skipped, larger than 5M (5242881 bytes; see --max-file-size)\n',
    });
    assert.deepEqual(await runCli(['scan', '--max-file-size=12', 'exact.py', 'bigger.py'], root), {
      code: 0,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'bigger.py: note: skipped, larger than 12 bytes (13 bytes; see --max-file-size)\n',
    });
    assert.deepEqual(await runCli(['scan', '--max-file-size', '1K', 'huge.py'], root), {
      code: 0,
      stdout: 'No findings (0 files scanned)\n',
      stderr: 'huge.py: note: skipped, larger than 1K (5242881 bytes; see --max-file-size)\n',
    });
  });

  it('does not count a leading byte-order mark as a column', async () => {
    assert.deepEqual(await scanJson(root, ['bom.py', 'nobom.py']), {
      code: 1,
      findings: [hardcoded('bom.py', 1, 14), hardcoded('nobom.py', 1, 14)],
      stderr: '',
    });
  });

  it('reads invalid UTF-8 with one U+FFFD per bad sequence, with a note', async () => {
    // `A, SECRET_KEY = "` is 16 columns, then `"\ufffd\ufffd", ` is 6 more.
    assert.deepEqual(await scanJson(root, ['invalid.py']), {
      code: 1,
      findings: [hardcoded('invalid.py', 1, 23)],
      stderr: 'invalid.py: note: not valid UTF-8; invalid bytes were read as U+FFFD\n',
    });
  });

  it('counts lines across CRLF and columns in UTF-16 code units', async () => {
    assert.deepEqual(await scanJson(root, ['crlf']), {
      code: 1,
      findings: [hardcoded('crlf/settings.py', 2, 14)],
      stderr: '',
    });
  });

  it('exits 2 when a path is missing, after reporting everything else (2 wins over 1)', async () => {
    assert.deepEqual(await runCli(['scan', 'gone.py', 'nobom.py', 'gone/'], root), {
      code: 2,
      stdout: `nobom.py:1:14: error hardcoded-secret-key ${MESSAGE}\n1 finding in 1 file (1 file scanned)\n`,
      stderr: 'gone.py: error: no such file or folder\ngone/: error: no such file or folder\n',
    });
  });

  it('reports a file that vanished after it was chosen as an error', () => {
    let stderr = '';
    const problems = new Problems({ cwd: root, writeStdout: () => undefined, writeStderr: (t) => (stderr += t) });
    const result = scanFiles([{ absPath: join(root, 'vanished.py'), path: 'vanished.py', kind: 'python' }], MiB, problems);
    assert.deepEqual(result, { findings: [], filesScanned: 0 });
    assert.equal(stderr, 'vanished.py: error: no such file or folder\n');
    assert.equal(problems.hadErrors, true);
  });

  it('reports a named path that is neither file nor folder as an error', async () => {
    assert.equal(spawnSync('mkfifo', [join(root, 'pipe.py')]).status, 0, 'mkfifo could not create a named pipe');
    assert.deepEqual(await runCli(['scan', 'pipe.py'], root), {
      code: 2,
      stdout: 'No findings (0 files scanned)\n',
      stderr: 'pipe.py: error: not a regular file or folder\n',
    });
  });

  it('writes the report to --output, creating nothing on stdout', async () => {
    const run = await runCli(['scan', '--format=json', '--output', 'report.json', 'nobom.py'], root);
    assert.deepEqual(run, { code: 1, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as unknown;
    assert.deepEqual(report, { version: 1, findings: [hardcoded('nobom.py', 1, 14)] });
  });

  it('exits 2 when the report cannot be written', async () => {
    assert.deepEqual(await runCli(['scan', '--output', 'no/such/folder/report.txt', 'exact.py'], root), {
      code: 2,
      stdout: '',
      stderr: 'no/such/folder/report.txt: error: cannot write the report: no such file or folder\n',
    });
  });
});

describe('cli scan: permissions', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'locked.py': 'x = 1\n', 'closed/settings.py': 'x = 1\n', 'open.py': 'x = 1\n' });
    // Readable by the unprivileged user that runs the scan when the tests run as root.
    chmodSync(root, 0o755);
    chmodSync(join(root, 'locked.py'), 0o000);
    chmodSync(join(root, 'closed'), 0o000);
  });
  after(() => {
    chmodSync(join(root, 'closed'), 0o755);
    removeTree(root);
  });

  it('reports unreadable files and folders as errors and scans the rest', async () => {
    assert.deepEqual(await runCliUnprivileged(['scan'], root), {
      code: 2,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'closed: error: permission denied\nlocked.py: error: permission denied\n',
    });
  });
});
