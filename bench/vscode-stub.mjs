// A minimal stand-in for the `vscode` module, so the extension bundle can be required and
// activated in plain Node. It records nothing about documents and draws nothing: every API
// the extension calls at activation is a no-op that returns a disposable. Timings taken with
// it measure the extension's own code only, not the editor's.
import Module from 'node:module';
import { join } from 'node:path';

const STUB_FILENAME = join(process.cwd(), '__bench_vscode_stub__', 'vscode.js');

function disposable() {
  return { dispose() {} };
}

class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.authority = '';
    this.path = path;
    this.query = '';
    this.fragment = '';
  }

  static file(path) {
    return new Uri('file', path);
  }

  static parse(value) {
    const colon = value.indexOf(':');
    return colon > 0 ? new Uri(value.slice(0, colon), value.slice(colon + 1).replace(/^\/\/[^/]*/, '')) : new Uri('file', value);
  }

  static joinPath(base, ...segments) {
    return new Uri(base.scheme, [base.path, ...segments].join('/'));
  }

  get fsPath() {
    return this.path;
  }

  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }

  toString() {
    return `${this.scheme}://${this.path}`;
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c, d) : b;
  }
}

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class Disposable {
  constructor(onDispose) {
    this.onDispose = onDispose;
  }

  static from(...items) {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }

  dispose() {
    if (typeof this.onDispose === 'function') this.onDispose();
  }
}

class EventEmitter {
  event = () => disposable();

  fire() {}

  dispose() {}
}

/** A function that returns itself for any property, call or `new`: the answer to anything not modelled. */
function anything(name, unmodelled) {
  unmodelled.add(name);
  const target = function () {};
  return new Proxy(target, {
    get(_, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (prop === 'dispose') return () => undefined;
      return anything(`${name}.${String(prop)}`, unmodelled);
    },
    apply: () => disposable(),
    construct: () => disposable(),
  });
}

/** `object`, answering properties it does not have with `anything`. */
function lenient(object, name, unmodelled) {
  return new Proxy(object, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return Reflect.get(target, prop, receiver);
      return anything(`${name}.${String(prop)}`, unmodelled);
    },
  });
}

function memento() {
  const values = new Map();
  return {
    get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
    update: async (key, value) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync() {},
  };
}

/**
 * A stub `vscode` module for a workspace folder at `root` with `documents` open
 * (objects from `textDocument`). `unmodelled` collects the names of APIs answered by `anything`.
 */
export function createVscodeStub({ root = '/workspace', documents = [] } = {}) {
  const unmodelled = new Set();
  const event = () => disposable();
  const logChannel = lenient(
    { name: 'log', trace() {}, debug() {}, info() {}, warn() {}, error() {}, append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {}, logLevel: 2, onDidChangeLogLevel: event },
    'LogOutputChannel',
    unmodelled,
  );
  const collection = () =>
    lenient({ name: 'django-secrets', set() {}, delete() {}, clear() {}, forEach() {}, get: () => undefined, has: () => false, dispose() {} }, 'DiagnosticCollection', unmodelled);
  const workspaceFolder = { uri: Uri.file(root), name: 'workspace', index: 0 };
  const api = {
    Uri,
    Position,
    Range,
    Diagnostic,
    Disposable,
    EventEmitter,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    window: lenient(
      {
        createOutputChannel: () => logChannel,
        showInformationMessage: async () => undefined,
        showWarningMessage: async () => undefined,
        showErrorMessage: async () => undefined,
        showQuickPick: async () => undefined,
        withProgress: async (_, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event }),
        activeTextEditor: undefined,
        visibleTextEditors: [],
        onDidChangeActiveTextEditor: event,
      },
      'window',
      unmodelled,
    ),
    languages: lenient(
      { createDiagnosticCollection: collection, registerCodeActionsProvider: disposable, getDiagnostics: () => [], onDidChangeDiagnostics: event },
      'languages',
      unmodelled,
    ),
    workspace: lenient(
      {
        textDocuments: documents,
        workspaceFolders: [workspaceFolder],
        isTrusted: true,
        getConfiguration: () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined }),
        getWorkspaceFolder: () => workspaceFolder,
        asRelativePath: (uri) => {
          const path = typeof uri === 'string' ? uri : uri.path;
          return path.startsWith(root + '/') ? path.slice(root.length + 1) : path;
        },
        onDidOpenTextDocument: event,
        onDidChangeTextDocument: event,
        onDidCloseTextDocument: event,
        onDidSaveTextDocument: event,
        onDidChangeConfiguration: event,
        onDidChangeWorkspaceFolders: event,
        onDidGrantWorkspaceTrust: event,
        findFiles: async () => [],
      },
      'workspace',
      unmodelled,
    ),
    commands: lenient({ registerCommand: () => disposable(), registerTextEditorCommand: () => disposable(), executeCommand: async () => undefined }, 'commands', unmodelled),
    env: lenient({ clipboard: { readText: async () => '', writeText: async () => undefined } }, 'env', unmodelled),
  };
  // Names the stub does not model resolve through the prototype, which esbuild's namespace
  // import wrapper (`__toESM`) keeps, so `vscode.Anything` is still callable.
  const fallback = new Proxy(
    {},
    {
      get(_, prop) {
        if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule' || prop === 'default') return undefined;
        return anything(String(prop), unmodelled);
      },
    },
  );
  return { vscode: Object.assign(Object.create(fallback), api), unmodelled, Uri };
}

/** An open text document for the stub's `workspace.textDocuments`. */
export function textDocument(Uri, path, languageId, text) {
  return {
    uri: Uri.file(path),
    fileName: path,
    languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    lineCount: text.split('\n').length,
    getText: () => text,
  };
}

/** Makes `require('vscode')` return `vscode` from now on, in this process. */
export function installVscodeStub(vscode) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? STUB_FILENAME : resolve.call(this, request, ...rest);
  };
  const stubModule = new Module(STUB_FILENAME);
  stubModule.filename = STUB_FILENAME;
  stubModule.loaded = true;
  stubModule.exports = vscode;
  Module._cache[STUB_FILENAME] = stubModule;
}

/** The `ExtensionContext` activate() receives. */
export function extensionContext(Uri, root, unmodelled) {
  return lenient(
    {
      subscriptions: [],
      globalState: memento(),
      workspaceState: memento(),
      extensionUri: Uri.file(root),
      extensionPath: root,
      storageUri: undefined,
      globalStorageUri: Uri.file(join(root, '.global-storage')),
      logUri: Uri.file(join(root, '.logs')),
      extensionMode: 1,
      secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => disposable() },
      asAbsolutePath: (p) => join(root, p),
    },
    'ExtensionContext',
    unmodelled,
  );
}
