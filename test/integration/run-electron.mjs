// Runs the same integration tests (out/test/integration/suite/index.js) in desktop VS Code through
// @vscode/test-electron, on a copy of the fixture workspace, with isolated user data and extensions.
// For machines that can download VS Code (into .vscode-test/); without internet use
// `npm run test:integration`, which runs them in code-server. Not part of CI.
//
// Usage: npm run test:electron   (builds first; on Linux without a display: xvfb-run -a npm run test:electron)
//
// Environment (all optional):
//   DSH_VSCODE_VERSION     VS Code version to download: 'stable' (default), 'insiders' or e.g. '1.85.0'
//   DSH_VSCODE_EXECUTABLE  an installed VS Code (or Code - OSS) executable to use instead of downloading
//   DSH_IT_GREP=<text>     run only the tests whose full title contains <text>
//   DSH_IT_WORKSPACE       folder copied as the workspace to open (default: test/fixtures/workspace)
//
// Exit code: the test run's exit code; 1 when VS Code cannot be downloaded or started.

import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createLog, fail, HarnessError, prepareRunDir, REPO } from './code-server.mjs';

const TESTS_ENTRY = join(REPO, 'out', 'test', 'integration', 'suite', 'index.js');
const WORKSPACE_SOURCE = resolve(REPO, process.env.DSH_IT_WORKSPACE || join('test', 'fixtures', 'workspace'));
const VERSION = process.env.DSH_VSCODE_VERSION || 'stable';
const TEST_OUTPUT_TAG = '[test-output] '; // same as TEST_OUTPUT_TAG in suite/util.ts

const log = createLog('electron');

/** Passes the editor's output through, with the test report's tag taken off its lines. */
function untagged(target) {
  let pending = '';
  return new Writable({
    write(chunk, _encoding, done) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) target.write(`${line.startsWith(TEST_OUTPUT_TAG) ? line.slice(TEST_OUTPUT_TAG.length) : line}\n`);
      done();
    },
  });
}

async function vscodeExecutable(testElectron) {
  if (process.env.DSH_VSCODE_EXECUTABLE) {
    if (!existsSync(process.env.DSH_VSCODE_EXECUTABLE)) fail(`DSH_VSCODE_EXECUTABLE not found: ${process.env.DSH_VSCODE_EXECUTABLE}`);
    return process.env.DSH_VSCODE_EXECUTABLE;
  }
  log(`downloading VS Code ${VERSION} into .vscode-test/ (once per version)`);
  try {
    return await testElectron.downloadAndUnzipVSCode({ version: VERSION, cachePath: join(REPO, '.vscode-test') });
  } catch (err) {
    return fail(
      `could not download VS Code ${VERSION}: ${err.message}\n`
      + '  `npm run test:electron` needs internet access to update.code.visualstudio.com, or an installed VS Code\n'
      + '  named with DSH_VSCODE_EXECUTABLE=/path/to/code. Without either, run the same tests in code-server:\n'
      + '  npm run test:integration',
    );
  }
}

async function main() {
  if (!existsSync(TESTS_ENTRY)) fail(`compiled tests not found: ${TESTS_ENTRY} (run \`node scripts/build.mjs\` first)`);
  const testElectron = await import('@vscode/test-electron');
  const executable = await vscodeExecutable(testElectron);
  const dirs = prepareRunDir({ prefix: 'dsh-electron-', workspaceSource: WORKSPACE_SOURCE });
  log(`run folder ${dirs.root}`);
  const code = await testElectron.runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: TESTS_ENTRY,
    launchArgs: [
      dirs.workspace,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    stdout: untagged(process.stdout),
    stderr: process.stderr,
  }).catch((err) => {
    // runTests rejects with TestRunFailedError when the tests fail (its code is theirs).
    if (typeof err?.code === 'number') return err.code;
    throw err;
  });
  if (code === 0) rmSync(dirs.root, { recursive: true, force: true });
  else log(`run folder kept: ${dirs.root}`);
  log(`tests finished with exit code ${code}`);
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  console.error(`\nelectron tests: ${err instanceof HarnessError ? err.message : err.stack || err}`);
}
process.exit(exitCode);
