/**
 * A small, strict command-line parser: long options (`--name value` or `--name=value`),
 * single-letter aliases (`-h`), `--` to end options, no abbreviations, no repeats.
 */

export interface OptionSpec {
  /** Long name without the leading dashes. */
  readonly name: string;
  /** Optional one-letter alias, without the dash. */
  readonly short?: string;
  /** Placeholder shown in help (e.g. `FORMAT`) when the option takes a value; absent for flags. */
  readonly value?: string;
}

export interface ParsedArgs {
  /** Option name -> its value, or `true` for a flag. */
  readonly options: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/** A mistake on the command line; reported with a pointer to the help, exit code 2. */
export class UsageError extends Error {}

interface ParseState {
  readonly argv: readonly string[];
  readonly specs: readonly OptionSpec[];
  readonly options: Map<string, string | true>;
  readonly positionals: string[];
  index: number;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const state: ParseState = { argv, specs, options: new Map(), positionals: [], index: 0 };
  while (state.index < argv.length) {
    const arg = argv[state.index++];
    if (arg === '--') {
      state.positionals.push(...argv.slice(state.index));
      break;
    }
    if (arg.startsWith('--')) {
      parseLong(state, arg);
    } else if (arg.startsWith('-') && arg.length > 1) {
      parseShort(state, arg);
    } else {
      state.positionals.push(arg);
    }
  }
  return { options: state.options, positionals: state.positionals };
}

function parseLong(state: ParseState, arg: string): void {
  const eq = arg.indexOf('=');
  const name = arg.slice(2, eq === -1 ? undefined : eq);
  const spec = state.specs.find((s) => s.name === name);
  if (!spec) {
    throw new UsageError(`unknown option '${eq === -1 ? arg : arg.slice(0, eq)}'`);
  }
  if (eq !== -1 && spec.value === undefined) {
    throw new UsageError(`option '--${name}' takes no value`);
  }
  const value = eq === -1 ? takeValue(state, spec) : arg.slice(eq + 1);
  setOption(state, spec, value);
}

function parseShort(state: ParseState, arg: string): void {
  const spec = arg.length === 2 ? state.specs.find((s) => s.short === arg[1]) : undefined;
  if (!spec) {
    throw new UsageError(`unknown option '${arg}'`);
  }
  setOption(state, spec, takeValue(state, spec));
}

/** The value of an option given as `--name value`; flags get `true`. */
function takeValue(state: ParseState, spec: OptionSpec): string | true {
  if (spec.value === undefined) {
    return true;
  }
  const next = state.argv[state.index];
  if (next === undefined || (next.startsWith('-') && next.length > 1)) {
    throw new UsageError(`option '--${spec.name}' needs a value (${spec.value})`);
  }
  state.index++;
  return next;
}

function setOption(state: ParseState, spec: OptionSpec, value: string | true): void {
  if (state.options.has(spec.name)) {
    throw new UsageError(`option '--${spec.name}' given more than once`);
  }
  if (value === '') {
    throw new UsageError(`option '--${spec.name}' needs a value (${spec.value ?? ''})`);
  }
  state.options.set(spec.name, value);
}
