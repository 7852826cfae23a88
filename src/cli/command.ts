import { OptionSpec, ParsedArgs } from './args';
import { CliIo } from './io';

/** The program name, as installed by package.json `bin`. */
export const PROGRAM = 'django-secret-hygiene';

/** One subcommand of the CLI (`scan`, later `fix`, `generate`, `rotate`). */
export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The command's options; `--help`/`-h` is added for every command. */
  readonly options: readonly OptionSpec[];
  /** The command's full help text. */
  readonly help: string;
  /** Runs with parsed arguments and returns the exit code; throws UsageError for bad arguments. */
  run(args: ParsedArgs, io: CliIo): number | Promise<number>;
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h' };

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
