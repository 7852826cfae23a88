// Driving the VS Code workbench in a Playwright page as a user does: keyboard shortcuts, quick
// open, the command palette, quick picks, the quick-fix menu and the Problems panel. Every wait
// polls against a deadline; nothing sleeps for a fixed time. Nothing here reads or prints a key.

import { setTimeout as sleep } from 'node:timers/promises';

/** A failed expectation of the UI test (reported by its message, with a screenshot). */
export class UiError extends Error {}

/**
 * Calls `check` until it returns a truthy value and returns that value; a throwing check counts as
 * "not yet". At the deadline, throws with `what` (a string, or a function giving the latest state).
 */
export async function poll(check, { what, timeoutMs = 20000, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const description = typeof what === 'function' ? await what() : what;
      const cause = lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new UiError(`timed out after ${timeoutMs / 1000} s waiting for ${description}${cause}`);
    }
    await sleep(intervalMs);
  }
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

/** Visible quick-input rows: aria-label and whether the row is focused. */
function quickInputRows(page) {
  return page.evaluate((selector) => [...window.document.querySelectorAll(selector)]
    .filter((row) => row.offsetParent !== null)
    .map((row) => ({ label: row.getAttribute('aria-label') || '', focused: row.classList.contains('focused') })), QUICK_INPUT_ROWS);
}

/** Whether any element that matches `selector` is rendered. */
function anyVisible(page, selector) {
  return page.evaluate((css) => [...window.document.querySelectorAll(css)].some((element) => element.offsetParent !== null), selector);
}

function quickInputVisible(page) {
  return anyVisible(page, QUICK_INPUT);
}

async function quickInputPlaceholder(page) {
  return page.locator(`${QUICK_INPUT} .quick-input-box input`).getAttribute('placeholder', { timeout: 1000 });
}

/** Closes whatever quick input, menu or hover is open, until none is. */
export async function dismiss(page) {
  await poll(async () => {
    const open = (await quickInputVisible(page)) || (await anyVisible(page, '.action-widget'));
    if (!open) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { what: 'open quick inputs and menus to close', timeoutMs: 10000, intervalMs: 200 });
}

/**
 * Opens a quick input with `shortcut`, types `text`, waits until the focused row's aria-label
 * satisfies `accept` and presses Enter. Starts over (Escape, shortcut, text) while the workbench is
 * still starting or the row does not come.
 */
async function chooseInQuickInput(page, { shortcut, text, accept, what, timeoutMs = 60000 }) {
  let rows = [];
  await poll(async () => {
    await dismiss(page);
    await page.keyboard.press(shortcut);
    await poll(() => quickInputVisible(page), { what: `the quick input (${shortcut})`, timeoutMs: 5000 });
    await page.keyboard.type(text);
    return poll(async () => {
      rows = await quickInputRows(page);
      return rows.some((row) => row.focused && accept(row.label));
    }, { what, timeoutMs: 10000, intervalMs: 200 });
  }, { what: () => `${what} to be the focused row (rows: ${JSON.stringify(rows.map((r) => r.label))})`, timeoutMs, intervalMs: 500 });
  await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P): `name` is the file name, `folder` its folder
 * relative to the workspace ('' at the top). Waits until its tab is the active one.
 */
export async function openFile(page, { name, folder = '' }) {
  // Rows read "settings.py demo, file results" (or ", recently opened"); "key.txt, file results" at the top.
  const wanted = folder ? `${name} ${folder}, ` : `${name}, `;
  await chooseInQuickInput(page, {
    shortcut: 'Control+P',
    text: folder ? `${folder}/${name}` : name,
    accept: (label) => label.startsWith(wanted),
    what: `${folder ? `${folder}/` : ''}${name} in Quick Open`,
  });
  await poll(async () => (await activeTabLabel(page)) === name, {
    what: async () => `the tab of ${name} to be active (active: ${await activeTabLabel(page)})`,
  });
}

/**
 * Opens a file at the top of the workspace with a click on its row in the Explorer (for files that
 * Quick Open leaves out, such as a .env file listed in .gitignore). Waits until its tab is active.
 */
export async function openFromExplorer(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
  await poll(async () => (await row.count()) === 1, { what: `${name} in the Explorer` });
  await row.click();
  await poll(async () => (await activeTabLabel(page)) === name, {
    what: async () => `the tab of ${name} to be active (active: ${await activeTabLabel(page)})`,
  });
}

/** The file name on the active tab (without the ", preview" of a preview tab). */
export async function activeTabLabel(page) {
  const tab = page.locator('.editor-group-container.active .tabs-container .tab.active');
  return (await tab.count()) === 1 ? (await tab.getAttribute('aria-label'))?.replace(/, preview$/, '') : undefined;
}

/** Runs a command from the command palette (F1) by its full title, e.g. "Django Secrets: Scan Workspace". */
export async function runCommand(page, title) {
  await chooseInQuickInput(page, {
    shortcut: 'F1',
    text: title,
    accept: (label) => label === title || label.startsWith(`${title}, `),
    what: `"${title}" in the command palette`,
  });
}

/**
 * In the open quick pick with this placeholder, checks that the focused item's label (aria-label
 * up to its first comma, icons dropped) is `label`, and picks it with Enter.
 */
export async function pickFocused(page, { placeholder, label }) {
  let seen = { placeholder: undefined, rows: [] };
  const labelOf = (ariaLabel) => ariaLabel.split(',')[0].replace(/^\S+ {2}/, '').trim();
  await poll(async () => {
    seen = { placeholder: await quickInputPlaceholder(page), rows: await quickInputRows(page) };
    return seen.placeholder === placeholder && seen.rows.some((row) => row.focused);
  }, { what: () => `the quick pick "${placeholder}" (seen: ${JSON.stringify(seen.placeholder)})` });
  const focused = seen.rows.find((row) => row.focused);
  if (labelOf(focused.label) !== label) {
    throw new UiError(`quick pick "${placeholder}": the focused item is "${labelOf(focused.label)}", expected "${label}"`);
  }
  await page.keyboard.press('Enter');
  await poll(async () => !(await quickInputVisible(page)) || (await quickInputPlaceholder(page).catch(() => '')) !== placeholder,
    { what: `the quick pick "${placeholder}" to take the choice`, timeoutMs: 10000 });
}

/** The squiggles of a severity ('error', 'warning', 'info') in the active editor, as locators. */
export function squiggles(page, severity) {
  return page.locator(`.editor-group-container.active .monaco-editor .squiggly-${severity}`);
}

/**
 * The squiggles of `severity` in the active editor and whether each lies on the rendered line that
 * contains `lineText`, measured in one go (the editor may re-render between two measurements).
 */
export function squigglesOnLine(page, severity, lineText) {
  return page.evaluate(({ css, text }) => {
    const editor = window.document.querySelector('.editor-group-container.active .monaco-editor');
    const line = [...(editor?.querySelectorAll('.view-line') ?? [])]
      .find((element) => (element.textContent ?? '').replace(/\u00a0/g, ' ').includes(text));
    const lineBox = line?.getBoundingClientRect();
    return [...(editor?.querySelectorAll(css) ?? [])].map((squiggle) => {
      const box = squiggle.getBoundingClientRect();
      return { onLine: Boolean(lineBox) && Math.abs(box.top - lineBox.top) < lineBox.height };
    });
  }, { css: `.squiggly-${severity}`, text: lineText });
}

/** Puts the cursor a few characters into the first squiggle of `severity`, with a click. */
export async function clickIntoSquiggle(page, severity) {
  const squiggle = squiggles(page, severity).first();
  const box = await poll(() => squiggle.boundingBox(), { what: `a ${severity} squiggle on screen` });
  await page.mouse.click(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
  // Park the mouse where it hovers nothing, so no hover or menu row takes the focus.
  await page.mouse.move(1, 790);
  return box;
}

const QUICK_FIX_ROWS = '.action-widget .monaco-list-row.action';

/** Opens the quick-fix menu with Ctrl+. (again while the fixes are still being computed); returns its titles and the focused one. */
export async function openQuickFixMenu(page) {
  return poll(async () => {
    if (!(await anyVisible(page, '.action-widget'))) {
      await page.keyboard.press('Control+Period');
      await poll(() => anyVisible(page, `${QUICK_FIX_ROWS}.focused`), { what: 'the quick-fix menu', timeoutMs: 5000 })
        .catch(() => page.keyboard.press('Escape'));
    }
    const rows = await page.evaluate((selector) => [...window.document.querySelectorAll(selector)].map((row) => ({
      title: row.querySelector('.title')?.textContent ?? '',
      focused: row.classList.contains('focused'),
    })), QUICK_FIX_ROWS);
    const focused = rows.find((row) => row.focused);
    return focused ? { titles: rows.map((row) => row.title), focused: focused.title } : undefined;
  }, { what: 'the quick-fix menu (Ctrl+.) with a focused item', timeoutMs: 60000, intervalMs: 500 });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its problem rows once `accept(rows)` holds. */
export async function problems(page, accept, what) {
  if (!(await anyVisible(page, '.markers-panel'))) {
    await page.keyboard.press('Control+Shift+M');
  }
  let rows = [];
  await poll(async () => {
    rows = await page.evaluate(() => [...window.document.querySelectorAll('.markers-panel .monaco-list-row')]
      .filter((row) => row.querySelector('.marker-message'))
      .map((row) => ({
        message: row.querySelector('.marker-message')?.textContent ?? '',
        source: row.querySelector('.marker-source')?.textContent ?? '',
        code: row.querySelector('.marker-code')?.textContent ?? '',
        position: row.querySelector('.marker-line')?.textContent ?? '',
        severity: ['error', 'warning', 'info'].find((s) => row.querySelector(`.marker-icon.${s}`)) ?? '',
      })));
    return accept(rows);
  }, { what: () => `${what} in the Problems panel (rows: ${JSON.stringify(rows.map((r) => `${r.code} ${r.position}`))})`, timeoutMs: 30000 });
  return rows;
}

/** Clears every notification toast and the notification centre. */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
}
