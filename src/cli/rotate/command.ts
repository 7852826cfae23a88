import { resolve } from 'node:path';
import { ParsedArgs, UsageError } from '../args';
import { Command, PROGRAM } from '../command';
import { stringOption, variableOption } from '../fix/command';
import { CliIo } from '../io';
import { RetireOptions, RotateOptions, runRetire, runRotate } from './rotate';

const VARIABLE_HELP =
  '  --variable NAME  the variable holding the key (default: DJANGO_SECRET_KEY, or\n' +
  '                   SECRET_KEY when only that one is set in the .env file);\n' +
  '                   the old keys are kept in NAME_FALLBACKS\n';

const COMMON_HELP =
  '  --env-file PATH  the .env file holding the key, relative to the current\n' +
  '                   folder and inside the project folder (default: .env beside\n' +
  '                   manage.py)\n' +
  VARIABLE_HELP +
  '  --dry-run        print the changes as a unified diff (paths relative to the\n' +
  '                   project folder) and write nothing\n' +
  '  -h, --help       show this help and exit\n';

const NEVER_PRINTED =
  'Keys are never printed: a diff shows every value of the .env file as\n' + '<redacted sha256:...>.\n';

const ROTATE_HELP =
  `Usage: ${PROGRAM} rotate [options] SETTINGS_FILE\n` +
  '\n' +
  "Replaces the key in the project's .env file with a new random key. By\n" +
  'default the old key moves to the front of DJANGO_SECRET_KEY_FALLBACKS in\n' +
  '.env, and SETTINGS_FILE gets a SECRET_KEY_FALLBACKS line reading it, so\n' +
  'sessions, password-reset links and signed data made with the old key keep\n' +
  'working (Django 4.1.8 and later) until you retire it with\n' +
  `'${PROGRAM} retire'. SETTINGS_FILE is the settings module that\n` +
  'sets SECRET_KEY; the project folder is the nearest folder with manage.py\n' +
  'at or above it.\n' +
  '\n' +
  'Files it may change: the .env file and SETTINGS_FILE, written together or\n' +
  'not at all.\n' +
  '\n' +
  'Options:\n' +
  '  --compromised    for a key that leaked: drop the old key now instead of\n' +
  '                   keeping it as a fallback (everyone is logged out)\n' +
  COMMON_HELP +
  '\n' +
  'Standard output lists the files written, or the diff; what happens to\n' +
  'logged-in users (note:), warnings, refusals and errors go to standard error.\n' +
  NEVER_PRINTED +
  '\n' +
  'Exit status: 0 rotated or dry run; 1 not rotated (no key in the .env file,\n' +
  "or one that can't be kept as a fallback); 2 usage or file errors.\n";

const RETIRE_HELP =
  `Usage: ${PROGRAM} retire [options] SETTINGS_FILE\n` +
  '\n' +
  `Removes the old keys that '${PROGRAM} rotate' kept in\n` +
  'DJANGO_SECRET_KEY_FALLBACKS from the .env file: sessions, password-reset\n' +
  'links and signed data made with them stop verifying. Run it once\n' +
  'SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT have passed since the\n' +
  'rotation. The project folder is the nearest folder with manage.py at or\n' +
  'above SETTINGS_FILE.\n' +
  '\n' +
  'Options:\n' +
  COMMON_HELP +
  '\n' +
  'Standard output lists the file written, or the diff; notes and errors go to\n' +
  'standard error.\n' +
  NEVER_PRINTED +
  '\n' +
  'Exit status: 0 retired, nothing to retire or dry run; 2 usage or file\n' +
  'errors.\n';

const COMMON_OPTIONS = [{ name: 'env-file', value: 'PATH' }, { name: 'variable', value: 'NAME' }, { name: 'dry-run' }];

export const rotateCommand: Command = {
  name: 'rotate',
  summary: 'replace the key in .env, keeping the old one as a fallback',
  options: [{ name: 'compromised' }, ...COMMON_OPTIONS],
  help: ROTATE_HELP,
  run: (args, io) => runRotate({ ...commonOptions(args, io), mode: args.options.has('compromised') ? 'compromised' : 'routine' }, io),
};

export const retireCommand: Command = {
  name: 'retire',
  summary: 'remove the old keys kept as fallbacks from .env',
  options: COMMON_OPTIONS,
  help: RETIRE_HELP,
  run: (args, io) => runRetire(commonOptions(args, io), io),
};

function commonOptions(args: ParsedArgs, io: CliIo): RetireOptions & Omit<RotateOptions, 'mode'> {
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length === 0 ? 'missing SETTINGS_FILE' : `unexpected argument '${args.positionals[1]}'`);
  }
  const envFile = stringOption(args, 'env-file');
  const variable = stringOption(args, 'variable');
  return {
    settings: args.positionals[0],
    envFile: envFile === undefined ? undefined : resolve(io.cwd, envFile),
    variable: variable === undefined ? undefined : variableOption(variable),
    dryRun: args.options.has('dry-run'),
  };
}
