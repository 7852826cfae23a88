// Opens the demo Django project (examples/demo) in a real VS Code with the packaged extension, for
// trying it out in a browser: code-server on 127.0.0.1 (a free port, no password), the .vsix
// installed into a fresh extensions folder, and a COPY of the project, so the repository's copy
// stays as it is. Runs until Ctrl+C, then stops the server's whole process group.
//
// Usage: npm run demo   (builds the .vsix first; `node scripts/demo.mjs` uses the existing one)
//
// Environment (optional):
//   DSH_DEMO_KEEP_RUN_DIR=1  keep the run folder (the edited project copy and the logs) after Ctrl+C

import { createLog, HarnessError } from '../test/integration/code-server.mjs';
import { startSession } from '../test/ui/session.mjs';

const KEEP_RUN_DIR = process.env.DSH_DEMO_KEEP_RUN_DIR === '1';
const log = createLog('demo');

let session;

async function stop(code) {
  await session?.stop();
  log('code-server stopped');
  if (session?.dirs) {
    if (KEEP_RUN_DIR || code !== 0) log(`run folder kept: ${session.dirs.root}`);
    else session.removeRunDir();
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  session = await startSession({ label: 'demo', log, browser: false });
} catch (err) {
  console.error(`\ndemo: ${err instanceof HarnessError ? err.message : err.stack || err}`);
  if (session?.dirs) console.error(`code-server log:  ${session.dirs.serverLog}`);
  await stop(1);
}

session.server.on('exit', (code, signal) => {
  if (session.stopped) return;
  console.error(`\ndemo: code-server exited (${code ?? signal}); see ${session.dirs.serverLog}`);
  void stop(1);
});

console.log(`
  The demo project is open in VS Code with the packaged extension:

    ${session.url}

  Open it in a browser on this machine. Things to try:
    - demo/settings.py: the hardcoded key is underlined; Ctrl+. offers "Move SECRET_KEY to .env"
    - demo/production.py: a literal fallback in os.environ.get(...)
    - .env.production: a weak key
    - F1 > "Django Secrets: Generate Secret Key", "Django Secrets: Scan Workspace"

  The project is a copy in ${session.dirs.workspace}
  Press Ctrl+C to stop.
`);
