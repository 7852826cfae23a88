/**
 * Entry point that VS Code loads as `extensionTestsPath`: runs every `*.test.js` compiled next to
 * this file with mocha inside the extension host. Rejects when a test fails, so the editor exits
 * with a non-zero code.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { TEST_OUTPUT_TAG } from './util';

/** Per-test budget: a cold extension host can be slow, every wait inside a test has its own deadline. */
const TEST_TIMEOUT_MS = 120_000;

export function run(): Promise<void> {
  // The editor forwards the extension host's console to the launcher along with its own log lines;
  // the tag tells the launcher which lines are the test report.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    console.log(TEST_OUTPUT_TAG + util.format(...args));
  };
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: TEST_TIMEOUT_MS,
    forbidOnly: true,
    forbidPending: true,
    // The launcher passes its environment on: DSH_IT_GREP=<text> runs only the matching tests.
    ...(process.env.DSH_IT_GREP ? { grep: process.env.DSH_IT_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files found in ${__dirname}`));
  }
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} integration test(s) failed`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
