/**
 * Python's own view of generated modules, for many files in ONE python process: the files
 * are written to a temporary folder, /usr/bin/python3 parses each with `ast` and prints one
 * JSON report per file. A test that needs Python fails (never skips) when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

export interface PythonReport {
  /** `SyntaxError: message (line N)`, or null when the file parses. */
  readonly error: string | null;
  /** Top-level imports as written (`import os`, `from x import y`, `from x import y as z`), with their count. */
  readonly imports: Readonly<Record<string, number>>;
  /** Top-level `def required_env(`. */
  readonly helperDefs: number;
  /** Tracked names read at import time before anything binds them (calls of earlier functions followed once). */
  readonly undefinedNames: readonly string[];
  /** For each function called at import time, the index of the first top-level statement calling it. */
  readonly firstCall: Readonly<Record<string, number>>;
  /** The module docstring, or null. */
  readonly docstring: string | null;
}

/** Names whose definition a refactoring may add or rely on. */
export const TRACKED_NAMES = ['os', 'Path', 'ImproperlyConfigured', 'load_dotenv', 'config', 'environ', 'env', 'ENV', 'BASE_DIR', 'required_env'];

const SCRIPT = String.raw`
import ast, builtins, json, os, sys

folder, count, tracked = sys.argv[1], int(sys.argv[2]), set(sys.argv[3].split(','))
BUILTINS = set(dir(builtins))

def walk_runtime(node):
    """Nodes evaluated when the statement runs: not function bodies, not lambda bodies."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack.extend(n.decorator_list)
            stack.extend(n.args.defaults)
            stack.extend(d for d in n.args.kw_defaults if d is not None)
            continue
        if isinstance(n, ast.Lambda):
            stack.extend(n.args.defaults)
            continue
        stack.extend(ast.iter_child_nodes(n))

def bound_by(stmt):
    names = set()
    for n in walk_runtime(stmt):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            for a in n.names:
                names.add(a.asname or a.name.split('.')[0])
    return names

def function_globals(fn):
    local = {a.arg for a in fn.args.args + fn.args.kwonlyargs + fn.args.posonlyargs}
    if fn.args.vararg: local.add(fn.args.vararg.arg)
    if fn.args.kwarg: local.add(fn.args.kwarg.arg)
    loads = set()
    for n in ast.walk(fn):
        if isinstance(n, ast.Name):
            if isinstance(n.ctx, ast.Store): local.add(n.id)
            else: loads.add(n.id)
    return loads - local

def call_name(call):
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None

def report(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return {'error': 'SyntaxError: %s (line %s)' % (e.msg, e.lineno)}
    except ValueError as e:
        return {'error': 'ValueError: %s' % e}
    imports = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            keys = ['import ' + a.name + (' as ' + a.asname if a.asname else '') for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = '.' * node.level + (node.module or '')
            keys = ['from %s import %s%s' % (module, a.name, ' as ' + a.asname if a.asname else '') for a in node.names]
        else:
            continue
        for k in keys:
            imports[k] = imports.get(k, 0) + 1
    helper_defs = sum(1 for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'required_env')
    bound, functions, undefined, first_call = set(BUILTINS), {}, set(), {}
    for index, stmt in enumerate(tree.body):
        loads, seen = set(), set()
        for n in walk_runtime(stmt):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store):
                loads.add(n.id)
            if isinstance(n, ast.Call):
                name = call_name(n)
                if name is not None:
                    first_call.setdefault(name, index)
                if isinstance(n.func, ast.Name) and n.func.id in functions and n.func.id not in seen:
                    seen.add(n.func.id)
                    loads |= functions[n.func.id]
        undefined |= {x for x in loads if x in tracked and x not in bound}
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[stmt.name] = function_globals(stmt)
        bound |= bound_by(stmt)
    return {'error': None, 'imports': imports, 'helperDefs': helper_defs, 'undefinedNames': sorted(undefined), 'firstCall': first_call,
            'docstring': ast.get_docstring(tree, clean=False)}

out = []
for i in range(count):
    with open(os.path.join(folder, '%d.py' % i), 'rb') as f:
        out.append(report(f.read()))
print(json.dumps(out))
`;

/** Fails with a clear message when the interpreter the tests need is missing. */
export function requirePython(): void {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is required by this test (Debian: apt-get install python3); it was not found`);
  }
}

/** Parses every source with Python in one process; one report per source, in order. */
export function pythonReports(sources: readonly string[]): PythonReport[] {
  requirePython();
  if (sources.length === 0) return [];
  const folder = mkdtempSync(join(tmpdir(), 'dsh-py-'));
  try {
    sources.forEach((s, i) => writeFileSync(join(folder, `${i}.py`), s));
    const run = spawnSync(PYTHON, ['-I', '-c', SCRIPT, folder, String(sources.length), TRACKED_NAMES.join(',')], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`python exited with ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const reports = JSON.parse(run.stdout) as Array<Partial<PythonReport> & { error: string | null }>;
    return reports.map((r) => ({ imports: {}, helperDefs: 0, undefinedNames: [], firstCall: {}, docstring: null, ...r }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const EVAL_SCRIPT = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
out = []
for source in json.load(open(sys.argv[1], encoding='utf-8', errors='surrogatepass')):
    try:
        value = eval(compile(source, '<literal>', 'eval'), {'__builtins__': {}})
        if isinstance(value, bytes):
            value = value.decode('latin-1')
        out.append({'value': value} if isinstance(value, str) else {'error': type(value).__name__})
    except Exception as e:
        out.append({'error': type(e).__name__})
print(json.dumps(out))
`;

/** The value Python gives each literal expression (bytes read as Latin-1), or the error it raises. */
export function pythonLiteralValues(sources: readonly string[]): Array<{ readonly value?: string; readonly error?: string }> {
  requirePython();
  const folder = mkdtempSync(join(tmpdir(), 'dsh-py-'));
  try {
    const file = join(folder, 'literals.json');
    writeFileSync(file, JSON.stringify(sources));
    const run = spawnSync(PYTHON, ['-I', '-c', EVAL_SCRIPT, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`python exited with ${run.status}: ${run.stderr.slice(0, 2000)}`);
    return JSON.parse(run.stdout) as Array<{ value?: string; error?: string }>;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
