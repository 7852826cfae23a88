/**
 * Rules over Python source: hardcoded-secret-key, secret-key-env-default,
 * hardcoded-secret-key-fallbacks and hardcoded-secret-setting.
 *
 * A "binding" is any place a value is given a name: assignment targets (plain, chained,
 * annotated, tuple, attribute, subscript), dict entries with a string key, and keyword
 * arguments. An "environment lookup" is os.environ[...] / .get / .setdefault, os.getenv,
 * python-decouple config(...), and django-environ Env instances (env(...), env.str(...)).
 */
import { Expr, ParsedModule, Statement, children, parseModule } from '../python/parser';
import { stringValue } from '../python/lexer';
import { RuleId } from '../types';

/** A finding before severity, message and positions are attached; holds the value only in memory. */
export interface Candidate {
  readonly rule: RuleId;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** Offset of the name the value is bound to (for suppression comments on that line). */
  readonly anchor: number;
  /** For env defaults: the whole lookup-with-fallback expression, which a fix replaces. */
  readonly expression?: { readonly start: number; readonly end: number };
}

interface Literal {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const SECRET_KEY_NAME = /^SECRET_KEY$/i;
const FALLBACKS_NAME = /^SECRET_KEY_FALLBACKS$/i;
const SECRET_KEY_VARIABLE = /SECRET_KEY$/i;
const OTHER_SECRET_NAME = /(?:^|_)(?:SECRET_KEY|SIGNING_KEY|SECRET|PASSWORD|API_KEY|PRIVATE_KEY|ACCESS_KEY|AUTH_TOKEN)$/i;
const ENV_METHODS_WITH_POSITIONAL_DEFAULT = new Set(['str', 'bytes', 'unicode']);
const ENV_METHODS = new Set(['str', 'bytes', 'unicode', 'get_value']);
/** Calls that make a new random value each time the module is imported. */
const RANDOM_SOURCES = new Set([
  'get_random_secret_key', 'get_random_string', 'token_urlsafe', 'token_hex', 'token_bytes', 'urandom', 'uuid4', 'randbytes',
]);

export function pythonCandidates(text: string, parsed: ParsedModule = parseModule(text)): Candidate[] {
  return new PythonAnalysis(text, parsed).run();
}

class PythonAnalysis {
  private readonly out: Candidate[] = [];
  private readonly seen = new Set<string>();
  private readonly envInstances = new Set<string>(['env']);

  constructor(
    private readonly text: string,
    private readonly parsed: ParsedModule,
  ) {}

  run(): Candidate[] {
    for (const s of this.parsed.statements) this.collectEnvInstance(s);
    for (const s of this.parsed.statements) {
      s.targets.forEach((target) => {
        if (s.value) this.bindTarget(target, s.value);
      });
      for (const root of [...s.targets, ...(s.value ? [s.value] : [])]) this.walk(root);
    }
    return this.out.sort((a, b) => a.start - b.start);
  }

  /** `env = environ.Env(...)` or `env = Env(...)`: remember the instance's name. */
  private collectEnvInstance(s: Statement): void {
    const v = s.value;
    if (!v || v.kind !== 'call') return;
    const f = v.func;
    const isEnv = (f.kind === 'name' && f.name === 'Env') || (f.kind === 'attr' && f.name === 'Env');
    if (!isEnv) return;
    for (const t of s.targets) if (t.kind === 'name') this.envInstances.add(t.name);
  }

  private bindTarget(target: Expr, value: Expr): void {
    if (target.kind === 'seq' && value.kind === 'seq' && target.items.length === value.items.length) {
      target.items.forEach((t, i) => this.bindTarget(t, value.items[i]));
      return;
    }
    const named = this.targetName(target);
    if (named) this.bind(named.name, value, named.anchor);
  }

  private targetName(target: Expr): { name: string; anchor: number } | undefined {
    if (target.kind === 'name') return { name: target.name, anchor: target.start };
    if (target.kind === 'attr') return { name: target.name, anchor: target.nameStart };
    if (target.kind === 'subscript') {
      const key = this.literal(target.index);
      if (key) return { name: key.value, anchor: target.index.start };
    }
    return undefined;
  }

  private bind(name: string, value: Expr, anchor: number): void {
    if (SECRET_KEY_NAME.test(name)) {
      this.keyValue(value, name, anchor, 'hardcoded-secret-key');
    } else if (FALLBACKS_NAME.test(name)) {
      for (const item of sequenceItems(value)) this.keyValue(item, name, anchor, 'hardcoded-secret-key-fallbacks');
    } else if (OTHER_SECRET_NAME.test(name)) {
      const lit = this.literal(value);
      if (lit && lit.value.length > 0) this.add('hardcoded-secret-setting', name, lit, anchor);
    }
  }

  /**
   * A value bound to SECRET_KEY (or one fallback entry): a literal is hardcoded; a literal
   * beside an environment lookup (`or`, conditional, lookup default) is an env default.
   */
  private keyValue(value: Expr, name: string, anchor: number, literalRule: RuleId): void {
    type Pending = { e: Expr; besideLookup?: string; parent?: Expr };
    const pending: Pending[] = [{ e: value }];
    for (let guard = 0; pending.length > 0 && guard < 1000; guard++) {
      const { e, besideLookup, parent } = pending.pop() as Pending;
      const node = unwrap(e);
      if (this.randomCall(node, name, anchor)) continue;
      const lit = this.literal(node);
      if (lit) {
        if (besideLookup !== undefined) this.addDefault(besideLookup || name, lit, anchor, parent ?? node);
        else this.add(literalRule, name, lit, anchor);
        continue;
      }
      const lookup = this.lookup(node);
      if (lookup?.fallback) {
        const def = this.literal(lookup.fallback);
        if (def) this.addDefault(lookup.variable ?? name, def, anchor, node);
        else this.randomCall(unwrap(lookup.fallback), name, anchor);
      } else if (node.kind === 'cond') {
        pending.push({ e: node.body, besideLookup: this.lookupVariable(node.orelse), parent: node });
        pending.push({ e: node.orelse, besideLookup: this.lookupVariable(node.body), parent: node });
      } else if (node.kind === 'binop' && node.op === 'or') {
        pending.push({ e: node.right, besideLookup: this.lookupVariable(node.left), parent: node });
      }
    }
  }

  /** `get_random_secret_key()` and friends bound to the key: reported as unstable-secret-key. */
  private randomCall(node: Expr, name: string, anchor: number): boolean {
    if (node.kind !== 'call') return false;
    const f = node.func;
    const callee = f.kind === 'name' ? f.name : f.kind === 'attr' ? f.name : undefined;
    if (callee === undefined || !RANDOM_SOURCES.has(callee)) return false;
    const source = this.text.slice(node.start, node.end);
    this.add('unstable-secret-key', name, { value: source, start: node.start, end: node.end }, anchor);
    return true;
  }

  /** The variable name of an environment lookup (`''` when it is not a literal), else undefined. */
  private lookupVariable(e: Expr): string | undefined {
    const l = this.lookup(unwrap(e));
    return l ? (l.variable ?? '') : undefined;
  }

  /** Walks every node of a statement (iteratively) for dict entries, keywords and lookups. */
  private walk(root: Expr): void {
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const e = stack.pop() as Expr;
      this.visit(e);
      const kids = children(e);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }

  private visit(e: Expr): void {
    if (e.kind === 'dict') {
      for (const entry of e.entries) {
        const key = entry.key ? this.literal(entry.key) : undefined;
        if (key && entry.key) this.bind(key.value, entry.value, entry.key.start);
      }
    } else if (e.kind === 'call') {
      for (const a of e.args) if (a.name !== undefined) this.bind(a.name, a.value, a.nameStart ?? a.value.start);
      const lookup = this.lookup(e);
      if (lookup?.fallback && lookup.variable && SECRET_KEY_VARIABLE.test(lookup.variable)) {
        const def = this.literal(lookup.fallback);
        if (def) this.addDefault(lookup.variable, def, e.start, e);
      }
    } else if (e.kind === 'binop' && e.op === 'or') {
      this.fallbackBeside(e, e.left, e.right);
    } else if (e.kind === 'cond') {
      this.fallbackBeside(e, e.body, e.orelse);
      this.fallbackBeside(e, e.orelse, e.body);
    }
  }

  /** `lookup or 'literal'` and `lookup if c else 'literal'` for a secret-key variable. */
  private fallbackBeside(whole: Expr, lookupSide: Expr, literalSide: Expr): void {
    const variable = this.lookupVariable(lookupSide);
    if (!variable || !SECRET_KEY_VARIABLE.test(variable)) return;
    const lit = this.literal(unwrap(literalSide));
    if (lit) this.addDefault(variable, lit, lookupSide.start, whole);
  }

  private lookup(e: Expr): { variable?: string; fallback?: Expr } | undefined {
    if (e.kind === 'subscript' && isEnviron(e.object)) return { variable: this.literal(e.index)?.value };
    if (e.kind !== 'call') return undefined;
    const args = e.args;
    const positional = args.filter((a) => a.name === undefined && !a.star).map((a) => a.value);
    const keyword = (n: string): Expr | undefined => args.find((a) => a.name === n)?.value;
    const first = positional[0] ?? keyword('key') ?? keyword('var') ?? keyword('option');
    const variable = first ? this.literal(first)?.value : undefined;
    const f = e.func;
    const methodOf = (names: string[]): boolean => f.kind === 'attr' && names.includes(f.name);
    const shape = lookupShape(f, this.envInstances);
    if (shape === undefined) return undefined;
    if (shape === 'env-call') return { variable, fallback: keyword('default') };
    if (shape === 'env-method') {
      const positionalDefault = methodOf([...ENV_METHODS_WITH_POSITIONAL_DEFAULT]) ? positional[1] : undefined;
      return { variable, fallback: keyword('default') ?? positionalDefault };
    }
    return { variable, fallback: positional[1] ?? keyword('default') };
  }

  private literal(e: Expr): Literal | undefined {
    return literalOf(this.text, e);
  }

  private addDefault(variable: string, lit: Literal, anchor: number, whole: Expr): void {
    if (lit.value.length === 0) return; // an empty default makes Django refuse to start: not a hidden key
    this.add('secret-key-env-default', variable, lit, anchor, { start: whole.start, end: whole.end });
  }

  private add(rule: RuleId, name: string, lit: Literal, anchor: number, expression?: Candidate['expression']): void {
    const key = `${lit.start}:${lit.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const base = { rule, name, start: lit.start, end: lit.end, value: lit.value, anchor };
    this.out.push(expression ? { ...base, expression } : base);
  }
}

type LookupShape = 'mapping' | 'getenv' | 'decouple' | 'env-call' | 'env-method';

function lookupShape(f: Expr, envInstances: Set<string>): LookupShape | undefined {
  if (f.kind === 'attr' && (f.name === 'get' || f.name === 'setdefault') && isEnviron(f.object)) return 'mapping';
  if ((f.kind === 'name' && f.name === 'getenv') || (f.kind === 'attr' && f.name === 'getenv')) return 'getenv';
  if (f.kind === 'name' && f.name === 'config') return 'decouple';
  if (f.kind === 'attr' && f.name === 'config' && f.object.kind === 'name' && f.object.name === 'decouple') return 'decouple';
  if (f.kind === 'name' && envInstances.has(f.name)) return 'env-call';
  if (f.kind === 'attr' && ENV_METHODS.has(f.name) && f.object.kind === 'name' && envInstances.has(f.object.name)) {
    return 'env-method';
  }
  return undefined;
}

function isEnviron(e: Expr): boolean {
  return (e.kind === 'name' && e.name === 'environ') || (e.kind === 'attr' && e.name === 'environ');
}

function unwrap(e: Expr): Expr {
  let cur = e;
  while (cur.kind === 'paren') cur = cur.inner;
  return cur;
}

/** Items of a list/tuple value, including `[...] + [...]` concatenations. */
function sequenceItems(value: Expr): Expr[] {
  const items: Expr[] = [];
  const stack: Expr[] = [value];
  while (stack.length > 0) {
    const e = unwrap(stack.pop() as Expr);
    if (e.kind === 'seq') items.push(...e.items);
    else if (e.kind === 'binop' && e.op === '+') stack.push(e.right, e.left);
  }
  return items;
}

/**
 * The constant string a literal expression denotes: string/bytes literals, implicit
 * concatenation, parentheses and `+` between literals. Undefined for anything else,
 * including f-strings with replacement fields.
 */
export function literalOf(text: string, e: Expr): Literal | undefined {
  const parts: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const cur = unwrap(stack.pop() as Expr);
    if (cur.kind === 'binop' && cur.op === '+') stack.push(cur.right, cur.left);
    else if (cur.kind === 'str') parts.push(cur);
    else return undefined;
  }
  let value = '';
  for (const p of parts) {
    if (p.kind !== 'str') return undefined;
    for (const t of p.parts) {
      const v = stringValue(text, t);
      if (v === undefined) return undefined;
      value += v;
    }
  }
  return { value, start: parts[0].start, end: parts[parts.length - 1].end };
}
