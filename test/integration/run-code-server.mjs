// Runs the integration tests (out/test/integration/suite/index.js) inside a real VS Code:
// code-server (VS Code's server build) driven by a headless Debian Chromium through playwright-core.
//
// Usage: node test/integration/run-code-server.mjs   (after `node scripts/build.mjs`)
//
// Environment (all optional):
//   DSH_IT_WORKSPACE    folder copied as the workspace to open (default: test/fixtures/workspace)
//   DSH_IT_KEEP_OPEN=1  leave code-server running after the tests, print its URL, stop on Ctrl+C
//   DSH_IT_KEEP_RUN_DIR=1  keep the per-run folder even when the tests pass
//   DSH_IT_TIMEOUT_MS   deadline for one test run, from server start to result (default 600000)
//   DSH_IT_GREP=<text>  run only the tests whose full title contains <text>
//   DSH_IT_VERBOSE=1    also print the workbench log, the browser console and code-server's output
//   DSH_CACHE_DIR       where Node 24 and code-server are cached
//                       (default: $XDG_CACHE_HOME/django-secret-hygiene or ~/.cache/django-secret-hygiene)
//
// Exit code: the test run's exit code; 1 on any harness failure (with the reason printed).

import { appendFileSync, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import {
  checkDebianPrerequisites, createLog, delay, ensureToolchain, fail, HarnessError, killGroup, launchBrowser,
  prepareRunDir as prepareSharedRunDir, printWorkbenchErrors, remoteUri, REPO, startServerOnFreePort, stopGroup,
} from './code-server.mjs';

const TEST_TIMEOUT_MS = Number(process.env.DSH_IT_TIMEOUT_MS || 10 * 60 * 1000);
const KEEP_OPEN = process.env.DSH_IT_KEEP_OPEN === '1';
const KEEP_RUN_DIR = process.env.DSH_IT_KEEP_RUN_DIR === '1' || KEEP_OPEN;
const VERBOSE = process.env.DSH_IT_VERBOSE === '1';
const WORKSPACE_SOURCE = resolve(REPO, process.env.DSH_IT_WORKSPACE || join('test', 'fixtures', 'workspace'));
const TESTS_ENTRY = join(REPO, 'out', 'test', 'integration', 'suite', 'index.js');
const TEST_OUTPUT_TAG = '[test-output] '; // same as TEST_OUTPUT_TAG in suite/util.ts

const started = Date.now();
const log = createLog('integration', started);

function prepareRunDir() {
  if (!existsSync(WORKSPACE_SOURCE) || !statSync(WORKSPACE_SOURCE).isDirectory()) {
    fail(`workspace folder not found: ${WORKSPACE_SOURCE}`);
  }
  if (!existsSync(TESTS_ENTRY)) fail(`compiled tests not found: ${TESTS_ENTRY} (run \`node scripts/build.mjs\` first)`);
  if (!existsSync(join(REPO, 'dist', 'extension.js'))) fail('dist/extension.js not found (run `node scripts/build.mjs` first)');
  return prepareSharedRunDir({ prefix: 'dsh-integration-', workspaceSource: WORKSPACE_SOURCE });
}

// ---------------------------------------------------------------------------------------------
// Main

const state = { base: undefined, server: undefined, context: undefined, page: undefined, dirs: undefined, cleaningUp: false };

async function cleanup() {
  if (state.cleaningUp) return;
  state.cleaningUp = true;
  if (state.context) {
    await Promise.race([state.context.close().catch(() => undefined), delay(5000)]);
  }
  if (state.server) await stopGroup(state.server.pid);
}

async function saveFailureArtifacts() {
  const { dirs, page } = state;
  if (!dirs) return;
  if (page) {
    try {
      await page.screenshot({ path: dirs.screenshot, timeout: 10000 });
      console.error(`screenshot:       ${dirs.screenshot}`);
    } catch (err) {
      console.error(`(no screenshot: ${err.message})`);
    }
  }
  printWorkbenchErrors(dirs.workbenchLog, 10);
  console.error(`workbench log:    ${dirs.workbenchLog}`);
  console.error(`code-server log:  ${dirs.serverLog}`);
  console.error(`browser console:  ${dirs.browserLog}`);
  console.error(`VS Code logs:     ${join(dirs.userData, 'logs')}`);
}

async function main() {
  await ensureToolchain(log);
  checkDebianPrerequisites({ forInstall: false });
  const dirs = prepareRunDir();
  state.dirs = dirs;
  log(`run folder ${dirs.root}`);

  const testDeadline = Date.now() + TEST_TIMEOUT_MS;
  const base = await startServerOnFreePort(dirs, testDeadline, {
    log,
    verbose: VERBOSE,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    onSpawn: (server, url) => {
      state.server = server;
      state.base = url;
    },
  });
  log('code-server is up');

  const browserLog = createWriteStream(dirs.browserLog, { flags: 'a' });
  state.context = await launchBrowser(dirs.browserProfile);
  const page = state.context.pages()[0] ?? await state.context.newPage();
  state.page = page;

  let settle;
  const result = new Promise((r) => { settle = r; });
  // The workbench sends its log lines and the extension host's console here; lines that start with
  // the tag (see suite/util.ts) are the test report, the rest goes to workbench.log.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (text.startsWith(TEST_OUTPUT_TAG)) {
      console.log(text.slice(TEST_OUTPUT_TAG.length));
    } else {
      appendFileSync(dirs.workbenchLog, `[${type}] ${text}\n`);
      if (VERBOSE) console.log(`[workbench ${type}] ${text}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
  page.on('console', (msg) => {
    const line = `[${msg.type()}] ${msg.text()}\n`;
    browserLog.write(line);
    if (VERBOSE) process.stdout.write(`[browser] ${line}`);
  });
  page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.stack || err.message}\n`));
  page.on('crash', () => settle({ error: 'the browser page crashed' }));
  state.server.on('exit', (code, signal) => {
    if (!state.cleaningUp) settle({ error: `code-server exited during the run (${code ?? signal})` });
  });

  const payload = [
    ['extensionDevelopmentPath', remoteUri(REPO)],
    ['extensionTestsPath', remoteUri(TESTS_ENTRY)],
  ];
  const url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`opening the workbench on ${dirs.workspace}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1000, testDeadline - Date.now()) });

  const timer = setTimeout(
    () => settle({ error: `the test run did not finish within ${TEST_TIMEOUT_MS / 1000} s` }),
    Math.max(0, testDeadline - Date.now()),
  );
  const outcome = await result;
  clearTimeout(timer);
  if (outcome.error) fail(outcome.error);
  log(`tests finished with exit code ${outcome.code}`);
  return outcome.code;
}

async function keepOpen(base) {
  log(`keeping code-server open at ${base} (Ctrl+C to stop)`);
  await new Promise((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
}

async function onSignal(signal) {
  log(`${signal} received, stopping`);
  await cleanup();
  if (state.dirs) log(`run folder kept: ${state.dirs.root}`);
  process.exit(130);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', () => {
  // Last resort when something ended the process without cleanup: never leave the server behind.
  if (state.server?.pid) killGroup(state.server.pid, 'SIGKILL');
});

let exitCode = 1;
try {
  exitCode = await main();
  if (exitCode !== 0) await saveFailureArtifacts();
  if (KEEP_OPEN) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await keepOpen(state.base);
  }
} catch (err) {
  console.error(`\nintegration tests: ${err instanceof HarnessError ? err.message : err.stack || err}`);
  await saveFailureArtifacts();
  exitCode = 1;
} finally {
  await cleanup();
}
if (exitCode === 0 && !KEEP_RUN_DIR && state.dirs) {
  rmSync(state.dirs.root, { recursive: true, force: true });
} else if (state.dirs) {
  log(`run folder kept: ${state.dirs.root}`);
}
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(exitCode);
