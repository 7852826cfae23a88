// Measurements of the editor face in plain Node, on the stub `vscode` module (run by child.mjs
// in a fresh Node process each time, since a module is only required once per process).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { typicalSettings } from './engine-tasks.mjs';
import { now, summarize } from './stats.mjs';
import { createVscodeStub, extensionContext, installVscodeStub, textDocument } from './vscode-stub.mjs';

const require = createRequire(import.meta.url);
const ROOT = '/workspace';

/**
 * require() of the production bundle and its activate(), once, in this fresh process.
 * With `openSettings`, the typical settings.py is open at activation (as when opening it is what
 * activates the extension), so activate() also checks it.
 */
export function activateOnce(build, { openSettings }) {
  const typical = typicalSettings();
  const stubHolder = createVscodeStub({ root: ROOT });
  const documents = openSettings ? [textDocument(stubHolder.Uri, `${ROOT}/${typical.path}`, 'python', typical.text)] : [];
  stubHolder.vscode.workspace.textDocuments.push(...documents);
  installVscodeStub(stubHolder.vscode);
  const context = extensionContext(stubHolder.Uri, ROOT, stubHolder.unmodelled);
  const t0 = now();
  const extension = require(join(build.production, 'dist', 'extension.js'));
  const t1 = now();
  extension.activate(context);
  const t2 = now();
  return {
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    subscriptions: context.subscriptions.length,
    unmodelled: [...stubHolder.unmodelled].sort(),
  };
}

/** `analyze(path, text)` through the editor's Checker (targetFor + Checker.analyze) on the stub. */
export function checkerAnalyzer(build) {
  const stubHolder = createVscodeStub({ root: ROOT });
  installVscodeStub(stubHolder.vscode);
  const { Checker, targetFor } = require(join(build.dev, 'out', 'src', 'vscode', 'checker.js'));
  const checker = new Checker(stubHolder.vscode.window.createOutputChannel('bench', { log: true }));
  return (path, text) => {
    const target = targetFor(stubHolder.Uri.file(`${ROOT}/${path}`), 'python');
    if (!target) throw new Error(`the Checker does not select ${path}`);
    return checker.analyze(target, text);
  };
}

/**
 * Warm per-document cost of the editor's path (Checker, per-resource settings, include/exclude
 * globs, engine) against analyzeText alone, alternating, on the typical settings.py.
 */
export function checkerLatency(build, engine) {
  const doc = typicalSettings();
  const viaChecker = checkerAnalyzer(build);
  const checker = [];
  const direct = [];
  for (let i = 0; i < 300; i++) {
    viaChecker(doc.path, doc.text);
    engine.analyzeText(doc.path, doc.text);
  }
  for (let i = 0; i < 1000; i++) {
    let t = now();
    viaChecker(doc.path, doc.text);
    checker.push(now() - t);
    t = now();
    engine.analyzeText(doc.path, doc.text);
    direct.push(now() - t);
  }
  return { checker: summarize(checker), engine: summarize(direct) };
}
