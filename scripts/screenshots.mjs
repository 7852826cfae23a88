// Takes the README's pictures from the real editor: the packaged extension in code-server on a copy
// of the demo project (examples/demo), a 1280x800 Chromium page, the default light theme, and the
// keys a user presses. Writes media/screenshots/*.png.
//
// Usage: npm run screenshots   (builds the .vsix first; `node scripts/screenshots.mjs` uses the existing one)
//
// The key the quick fix writes into .env is a fresh throwaway, and it is masked on screen anyway
// before that picture is taken. Keys are never printed.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLog, HarnessError, REPO, USER_SETTINGS } from '../test/integration/code-server.mjs';
import { startSession } from '../test/ui/session.mjs';
import {
  clearNotifications, clickIntoSquiggle, dismiss, openFile, openFromExplorer, openQuickFixMenu, pickFocused, poll, problems, runCommand, squiggles, UiError,
} from '../test/ui/workbench.mjs';

const OUT_DIR = join(REPO, 'media', 'screenshots');
const MAX_BYTES = 200 * 1024;
const started = Date.now();
const log = createLog('screenshots', started);

const taken = [];

/**
 * Saves the page as media/screenshots/<name>.png once two captures in a row are identical (nothing
 * fading, loading or moving), and only while `verify()` (checked after the capture) still holds; a
 * picture over 200 KB is reduced to 256 colours.
 */
async function shot(page, name, { verify = async () => true, prepare = async () => undefined } = {}) {
  const file = join(OUT_DIR, `${name}.png`);
  let previous;
  const png = await poll(async () => {
    await prepare();
    const capture = await page.screenshot();
    const settled = previous !== undefined && capture.equals(previous);
    previous = capture;
    return settled && (await verify()) ? capture : undefined;
  }, { what: `a settled picture for ${name}`, timeoutMs: 30000, intervalMs: 300 });
  writeFileSync(file, png);
  if (statSync(file).size > MAX_BYTES) {
    const reduced = `${file}.tmp.png`;
    execFileSync('convert', [file, '-colors', '256', `PNG8:${reduced}`]);
    renameSync(reduced, file);
  }
  taken.push(file);
  log(`${file.slice(REPO.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
}

/** Hides the panel (Problems) with Ctrl+J, its toggle. */
async function closePanel(page) {
  await poll(async () => {
    if (!(await page.locator('.markers-panel').isVisible())) return true;
    await page.keyboard.press('Control+J');
    return false;
  }, { what: 'the panel to close', intervalMs: 1000 });
}

/**
 * Replaces the quoted value on the `DJANGO_SECRET_KEY=` line of the active editor with dots, on
 * screen only (the file is not touched). Returns how many characters of the line are left unmasked
 * between the quotes: 0 once masked (the editor may re-render the line at any time, so the
 * picture is checked with this after it is taken).
 */
function maskEnvKey(page) {
  return page.evaluate(() => {
    const line = [...window.document.querySelectorAll('.editor-group-container.active .view-line')]
      .find((element) => (element.textContent ?? '').startsWith('DJANGO_SECRET_KEY='));
    const text = line?.textContent ?? '';
    const start = text.indexOf("'") + 1;
    const end = text.lastIndexOf("'");
    if (start === 0 || end - start < 50) return -1;
    // Leaf text nodes in order hold the line's text; dot out the characters between the quotes.
    let offset = 0;
    let unmasked = 0;
    const walker = window.document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      const chars = [...value];
      chars.forEach((char, i) => {
        if (offset + i >= start && offset + i < end && char !== '•') unmasked += 1;
      });
      if (unmasked > 0) node.nodeValue = chars.map((char, i) => (offset + i >= start && offset + i < end ? '•' : char)).join('');
      offset += value.length;
    }
    return unmasked;
  });
}

async function take(session) {
  const { page } = session;
  const workspace = session.dirs.workspace;

  // 1. The problem, with its hover.
  await openFile(page, { name: 'settings.py', folder: 'demo' });
  await poll(async () => (await squiggles(page, 'error').count()) === 1, { what: 'the error squiggle in demo/settings.py', timeoutMs: 60000 });
  const box = await squiggles(page, 'error').first().boundingBox();
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await poll(() => page.locator('.monaco-hover', { hasText: 'SECRET_KEY is hardcoded in source code' }).filter({ hasText: 'Quick Fix...' }).first().isVisible(), {
    what: 'the hover on the key, with its Quick Fix link',
  });
  await shot(page, 'diagnostic-hover');
  await page.mouse.move(1, 790);
  await page.keyboard.press('Escape');

  // 2. The quick fixes.
  await clickIntoSquiggle(page, 'error');
  const menu = await openQuickFixMenu(page);
  if (menu.focused !== 'Move SECRET_KEY to .env with a new key') throw new UiError(`unexpected focused quick fix "${menu.focused}"`);
  await shot(page, 'quick-fix-menu');
  await dismiss(page);

  // 3. Scan Workspace fills the Problems panel.
  await runCommand(page, 'Django Secrets: Scan Workspace');
  const wanted = ['hardcoded-secret-key', 'secret-key-env-default', 'weak-secret-key'];
  await problems(page, (rows) => wanted.every((code) => rows.some((row) => row.code === code)), `the scan's problems (${wanted.join(', ')})`);
  await clearNotifications(page);
  await shot(page, 'scan-workspace');
  await closePanel(page);

  // 4. The fix applied: settings.py, then .env with its key masked on screen.
  await openFile(page, { name: 'settings.py', folder: 'demo' });
  await clickIntoSquiggle(page, 'error');
  await openQuickFixMenu(page);
  await page.keyboard.press('Enter');
  await poll(() => existsSync(join(workspace, '.env')) && readFileSync(join(workspace, 'requirements.txt'), 'utf8').includes('python-dotenv'), {
    what: 'the fix on disk',
    timeoutMs: 60000,
  });
  await runCommand(page, 'View: Close All Editors');
  await openFile(page, { name: 'settings.py', folder: 'demo' });
  await poll(async () => (await page.locator('.editor-group-container.active .view-line', { hasText: 'required_env("DJANGO_SECRET_KEY")' }).count()) === 1, {
    what: 'the rewritten SECRET_KEY line on screen',
  });
  await clearNotifications(page);
  await shot(page, 'fix-result-settings');
  await openFromExplorer(page, '.env');
  await poll(async () => (await page.locator('.editor-group-container.active .view-line', { hasText: 'DJANGO_SECRET_KEY=' }).count()) === 1, {
    what: 'the .env line on screen',
  });
  await page.mouse.move(1, 790);
  await shot(page, 'fix-result-env', {
    prepare: () => maskEnvKey(page),
    verify: async () => (await maskEnvKey(page)) === 0,
  });

  // 5. Generate Secret Key, over the weak key in .env.production.
  await openFile(page, { name: '.env.production' });
  // Select the placeholder at the end of line 2 (DJANGO_SECRET_KEY=changeme).
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await runCommand(page, 'Django Secrets: Generate Secret Key');
  await poll(async () => (await page.locator('.quick-input-widget .quick-input-box input').getAttribute('placeholder')) === 'Key format', {
    what: 'the key format quick pick',
  });
  await shot(page, 'generate-key');
  await dismiss(page);

  // 6. Rotation, when this build has it: the plan in the confirmation dialog (then cancelled).
  if (!session.manifest.contributes.commands.some((command) => command.command === 'djangoSecrets.rotateKey')) {
    log('skipped rotate-key: the packaged extension has no djangoSecrets.rotateKey command');
    return;
  }
  await openFile(page, { name: 'settings.py', folder: 'demo' });
  await runCommand(page, 'Django Secrets: Rotate Secret Key');
  await pickFocused(page, { placeholder: 'What should happen to the old key?', label: 'Routine rotation: keep the old key as a fallback' });
  await poll(() => page.locator('.monaco-dialog-box').isVisible(), { what: 'the rotation confirmation dialog', timeoutMs: 30000 });
  await page.mouse.move(1, 790);
  await shot(page, 'rotate-key');
  await page.keyboard.press('Escape');
  await poll(async () => !(await page.locator('.monaco-dialog-box').isVisible()), { what: 'the dialog to close' });
}

let session;
let exitCode = 1;
process.on('SIGINT', async () => {
  await session?.stop();
  process.exit(130);
});
try {
  mkdirSync(OUT_DIR, { recursive: true });
  session = await startSession({
    label: 'screenshots',
    log,
    viewport: { width: 1280, height: 800 },
    // No fades and a steady cursor, so that a settled picture can be recognised.
    userSettings: { ...USER_SETTINGS, 'workbench.reduceMotion': 'on', 'editor.cursorBlinking': 'solid' },
  });
  await take(session);
  log(`${taken.length} screenshots in ${OUT_DIR.slice(REPO.length + 1)}`);
  exitCode = 0;
} catch (err) {
  const known = err instanceof UiError || err instanceof HarnessError;
  console.error(`\nscreenshots: ${known ? err.message : err.stack || err}`);
  await session?.saveFailureArtifacts();
} finally {
  await session?.stop();
}
if (exitCode === 0) session.removeRunDir();
else if (session?.dirs) log(`run folder kept: ${session.dirs.root}`);
process.exit(exitCode);
