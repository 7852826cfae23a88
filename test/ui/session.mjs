// A real editor with the PACKAGED extension: django-secret-hygiene.vsix installed into a fresh
// code-server extensions folder, code-server started on 127.0.0.1 with a copy of a project as its
// folder, and (optionally) a headless Chromium page showing the workbench. Used by the UI test
// (test/ui/packaged.mjs), `npm run demo` and `npm run screenshots`.

import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_ENTRY, codeServerEnv, codeServerOptions, delay, ensureToolchain, fail, killGroup, launchBrowser, NODE24_BIN, prepareRunDir,
  REPO, runLogged, startServerOnFreePort, stopGroup,
} from '../integration/code-server.mjs';

export const VSIX = join(REPO, 'django-secret-hygiene.vsix');
export const DEMO_PROJECT = join(REPO, 'examples', 'demo');
const EXTENSION_ID = 'django-secret-hygiene.django-secret-hygiene';
const INSTALL_EXTENSION_TIMEOUT_MS = 3 * 60 * 1000;

/**
 * Installs the .vsix with code-server's own CLI (Node 24 first on PATH, as the server runs), into
 * the run folder's extensions folder. Fails unless the extension's folder appears there.
 */
async function installVsix(dirs, log) {
  if (!existsSync(VSIX)) fail(`${VSIX} not found (run \`npm run package\` first)`);
  const logFile = join(dirs.root, 'install-extension.log');
  log(`installing ${VSIX.slice(REPO.length + 1)} into ${dirs.extensions}`);
  const code = await runLogged(NODE24_BIN, [CODE_SERVER_ENTRY, ...codeServerOptions(dirs), '--install-extension', VSIX], {
    cwd: dirs.root,
    env: codeServerEnv(dirs),
    logFile,
    timeoutMs: INSTALL_EXTENSION_TIMEOUT_MS,
    heartbeat: 'install-extension',
    log,
  });
  const installed = readdirSync(dirs.extensions).filter((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (code !== 0 || installed.length !== 1) {
    fail(`code-server --install-extension failed (exit ${code}, ${installed.length} installed); see ${logFile}`);
  }
  log(`installed ${installed[0]}`);
  return JSON.parse(readFileSync(join(dirs.extensions, installed[0], 'package.json'), 'utf8'));
}

/**
 * Starts code-server with the packaged extension on a copy of `project` (which `prepare(folder)`
 * may change first), with the harness's user settings or `userSettings`. With `browser`, also opens
 * the workbench in a headless Chromium page of the given viewport and waits for it to render.
 * Returns a session whose `stop()` closes the browser and kills the server's whole process group
 * (also done on process exit as a last resort).
 */
export async function startSession({ label, log, project = DEMO_PROJECT, prepare, userSettings, browser = true, viewport, deadline }) {
  const session = {
    dirs: undefined, base: undefined, url: undefined, server: undefined, context: undefined, page: undefined,
    /** The installed extension's package.json. */
    manifest: undefined,
    stopped: false,
    async stop() {
      if (session.stopped) return;
      session.stopped = true;
      if (session.context) await Promise.race([session.context.close().catch(() => undefined), delay(5000)]);
      if (session.server) await stopGroup(session.server.pid);
    },
    /** Screenshot (when a page is open) and log paths, for a failure report. */
    async saveFailureArtifacts() {
      const { dirs, page } = session;
      if (!dirs) return;
      if (page && !page.isClosed()) {
        try {
          await page.screenshot({ path: dirs.screenshot, timeout: 10000 });
          console.error(`screenshot:       ${dirs.screenshot}`);
        } catch (err) {
          console.error(`(no screenshot: ${err.message})`);
        }
      }
      console.error(`code-server log:  ${dirs.serverLog}`);
      console.error(`browser console:  ${dirs.browserLog}`);
      console.error(`VS Code logs:     ${join(dirs.userData, 'logs')}`);
    },
    removeRunDir() {
      if (session.dirs) rmSync(session.dirs.root, { recursive: true, force: true });
    },
  };
  process.on('exit', () => {
    // Last resort when something ended the process without stop(): never leave the server behind.
    if (session.server?.pid && !session.stopped) killGroup(session.server.pid, 'SIGKILL');
  });

  await ensureToolchain(log);
  session.dirs = prepareRunDir({ prefix: `dsh-${label}-`, workspaceSource: project, ...(userSettings ? { userSettings } : {}) });
  log(`run folder ${session.dirs.root}`);
  prepare?.(session.dirs.workspace);
  session.manifest = await installVsix(session.dirs, log);
  session.base = await startServerOnFreePort(session.dirs, deadline ?? Date.now() + 5 * 60 * 1000, {
    log,
    onSpawn: (server, base) => {
      session.server = server;
      session.base = base;
    },
  });
  session.url = `${session.base}/?folder=${encodeURIComponent(session.dirs.workspace)}`;
  log('code-server is up');
  if (!browser) return session;

  session.context = await launchBrowser(session.dirs.browserProfile, viewport);
  const page = session.context.pages()[0] ?? await session.context.newPage();
  session.page = page;
  const browserLog = createWriteStream(session.dirs.browserLog, { flags: 'a' });
  page.on('console', (msg) => browserLog.write(`[${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.stack || err.message}\n`));
  log(`opening the workbench on ${session.dirs.workspace}`);
  await page.goto(session.url, { waitUntil: 'domcontentloaded', timeout: 120000 });
  return session;
}
