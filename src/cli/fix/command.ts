import { resolve } from 'node:path';
import { ParsedArgs, UsageError } from '../args';
import { Command, PROGRAM } from '../command';
import { CliIo } from '../io';
import { Loader, LOADERS } from '../../core/refactor/loaders';
import { DEFAULT_VARIABLE } from '../../core/refactor/moveToEnv';
import { FixOptions, runFix } from './fix';

const HELP =
  `Usage: ${PROGRAM} fix [options] SETTINGS_FILE\n` +
  '\n' +
  'Moves the first hardcoded SECRET_KEY in SETTINGS_FILE into a .env file and\n' +
  'makes the settings read it from there, stopping at start-up with\n' +
  'ImproperlyConfigured when the variable is missing. The project folder is the\n' +
  'nearest folder with manage.py at or above SETTINGS_FILE.\n' +
  '\n' +
  'Files it may change: the settings file, the .env file (created readable by\n' +
  'its owner only), .env.example (a placeholder), .gitignore (unless git already\n' +
  'ignores the .env file) and requirements.txt (the loader package). They are\n' +
  'written all together or not at all: a file changed since it was read, a\n' +
  'read-only file or a folder in the way stops the command before any change.\n' +
  '\n' +
  'Options:\n' +
  '  --loader LOADER  how the settings read .env: auto (default), dotenv,\n' +
  '                   decouple, environ or os. auto picks the library the\n' +
  '                   project already uses, else python-dotenv; os reads\n' +
  '                   os.environ only (the platform sets the variable)\n' +
  '  --rotate         write a new random key instead of the current one\n' +
  '                   (existing sessions and password-reset links stop working)\n' +
  '  --env-file PATH  the .env file to write, relative to the current folder and\n' +
  '                   inside the project folder (default: .env beside manage.py)\n' +
  `  --variable NAME  the variable to hold the key (default: ${DEFAULT_VARIABLE});\n` +
  '                   a name the project already uses for the key wins\n' +
  '  --dry-run        print the changes as a unified diff (paths relative to the\n' +
  '                   project folder) and write nothing\n' +
  '  -h, --help       show this help and exit\n' +
  '\n' +
  'Standard output lists the files written, or the diff; notes, refusals and\n' +
  'errors go to standard error. Keys are never printed: a diff shows them as\n' +
  '<redacted sha256:...>.\n' +
  '\n' +
  'Exit status: 0 fixed, nothing to fix or dry run; 1 not fixed because the key\n' +
  "can't be moved safely (see --rotate); 2 usage or file errors.\n";

export const fixCommand: Command = {
  name: 'fix',
  summary: 'move a hardcoded SECRET_KEY into a .env file',
  options: [
    { name: 'loader', value: 'LOADER' },
    { name: 'rotate' },
    { name: 'env-file', value: 'PATH' },
    { name: 'variable', value: 'NAME' },
    { name: 'dry-run' },
  ],
  help: HELP,
  run: (args, io) => runFix(fixOptions(args, io), io),
};

function fixOptions(args: ParsedArgs, io: CliIo): FixOptions {
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length === 0 ? 'missing SETTINGS_FILE' : `unexpected argument '${args.positionals[1]}'`);
  }
  const envFile = stringOption(args, 'env-file');
  return {
    settings: args.positionals[0],
    loader: loaderOption(stringOption(args, 'loader') ?? 'auto'),
    rotate: args.options.has('rotate'),
    envFile: envFile === undefined ? undefined : resolve(io.cwd, envFile),
    variable: variableOption(stringOption(args, 'variable') ?? DEFAULT_VARIABLE),
    dryRun: args.options.has('dry-run'),
  };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

const LOADER_CHOICES: ReadonlyArray<Loader | 'auto'> = ['auto', ...LOADERS];

function loaderOption(value: string): Loader | 'auto' {
  const loader = LOADER_CHOICES.find((l) => l === value);
  if (loader === undefined) {
    throw new UsageError(`invalid --loader '${value}' (expected ${LOADER_CHOICES.join(', ')})`);
  }
  return loader;
}

/** A name every loader and shell accepts. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function variableOption(value: string): string {
  if (!VARIABLE_NAME.test(value)) {
    throw new UsageError(`invalid --variable '${value}' (letters, digits and _, not starting with a digit)`);
  }
  return value;
}
