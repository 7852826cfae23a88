import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParsedArgs, UsageError } from '../args';
import { Command, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PROGRAM } from '../command';
import { CliIo } from '../io';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { formatText } from '../report/text';
import { collectFiles } from './collect';
import { addHygieneFindings, DEFAULT_HISTORY_DEPTH } from './hygiene';
import { describeFsError, Problems } from './problems';
import { DEFAULT_MAX_FILE_SIZE, formatSize, parseSize } from './read';
import { ScanResult, scanFiles } from './scan';

const FORMATTERS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
} as const satisfies Record<string, (result: ScanResult) => string>;

type Format = keyof typeof FORMATTERS;

interface ScanOptions {
  readonly format: Format;
  readonly output: string | undefined;
  readonly maxFileSize: number;
  readonly git: boolean;
  readonly historyDepth: number;
  readonly paths: readonly string[];
}

const HELP =
  `Usage: ${PROGRAM} scan [options] [PATH...]\n` +
  '\n' +
  'Reports hardcoded, weak and defaulted Django secret keys in Python and .env files.\n' +
  '\n' +
  'Each PATH is a file or a folder (default: the current folder). Folders are\n' +
  'walked recursively for Python files (*.py, *.pyi) and dotenv files (.env,\n' +
  '.env.*, *.env, files under .envs/). While walking, these folders are skipped:\n' +
  '.git, .hg, .svn, node_modules, __pycache__, .tox, .nox, .mypy_cache,\n' +
  '.pytest_cache, site-packages, .venv, venv and any folder containing\n' +
  'pyvenv.cfg; symbolic links to folders are not followed. A file or folder\n' +
  'named on the command line is always scanned; a named file is read as dotenv\n' +
  'if its name says so, and as Python otherwise.\n' +
  '\n' +
  'Files with a NUL byte in the first 8 KB (binary) or larger than the size\n' +
  'limit are skipped with a note on standard error. Files are read as UTF-8;\n' +
  'invalid bytes are read as U+FFFD, with a note.\n' +
  '\n' +
  'Project checks: whether git ignores, or already tracks, each dotenv file\n' +
  'that holds a key; whether a key is in the git history (the files of the\n' +
  'newest commits over all branches, tags and remotes, each file read once,\n' +
  'files over 512K left out, at most 256M read and 20 seconds spent); and\n' +
  'whether one key is used in more than one of the scanned files. When git\n' +
  'cannot answer, the .gitignore files decide whether a file is ignored.\n' +
  '\n' +
  'Options:\n' +
  '  --format FORMAT       report format: text (default), json or sarif\n' +
  '  --output FILE         write the report to FILE instead of standard output\n' +
  `  --max-file-size SIZE  skip files larger than SIZE bytes; K and M suffixes\n` +
  `                        are accepted (default: ${formatSize(DEFAULT_MAX_FILE_SIZE)})\n` +
  '  --no-git              do not run git or read .gitignore files: no\n' +
  '                        env-file-not-ignored, env-file-tracked or\n' +
  '                        secret-key-in-history findings\n' +
  '  --history-depth N     search the files of the newest N commits for the\n' +
  `                        keys (default: ${DEFAULT_HISTORY_DEPTH}; 0: no history search)\n` +
  '  -h, --help            show this help and exit\n' +
  '  --                    treat every later argument as a PATH\n' +
  '\n' +
  'Positions are 1-based; columns count UTF-16 code units, as the editor does.\n' +
  'Secret values are never printed.\n' +
  '\n' +
  'Exit status: 0 no findings, 1 findings, 2 usage or file errors.\n';

export const scanCommand: Command = {
  name: 'scan',
  summary: 'report secret-key problems in Python and .env files',
  options: [
    { name: 'format', value: 'FORMAT' },
    { name: 'output', value: 'FILE' },
    { name: 'max-file-size', value: 'SIZE' },
    { name: 'no-git' },
    { name: 'history-depth', value: 'N' },
  ],
  help: HELP,
  run: runScan,
};

async function runScan(args: ParsedArgs, io: CliIo): Promise<number> {
  const options = scanOptions(args);
  const problems = new Problems(io);
  const files = collectFiles(options.paths, io.cwd, problems);
  const hygiene = { git: options.git, historyDepth: options.historyDepth, maxBytes: options.maxFileSize };
  const result = await addHygieneFindings(files, scanFiles(files, options.maxFileSize, problems), hygiene);
  writeReport(FORMATTERS[options.format](result), options.output, io, problems);
  if (problems.hadErrors) {
    return EXIT_ERROR;
  }
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function scanOptions(args: ParsedArgs): ScanOptions {
  return {
    format: formatOption(stringOption(args, 'format') ?? 'text'),
    output: stringOption(args, 'output'),
    maxFileSize: sizeOption(stringOption(args, 'max-file-size')),
    git: !args.options.has('no-git'),
    historyDepth: depthOption(stringOption(args, 'history-depth')),
    paths: args.positionals.length > 0 ? args.positionals : ['.'],
  };
}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function formatOption(value: string): Format {
  if (!isFormat(value)) {
    throw new UsageError(`invalid --format '${value}' (expected text, json or sarif)`);
  }
  return value;
}

function isFormat(value: string): value is Format {
  return Object.hasOwn(FORMATTERS, value);
}

function sizeOption(value: string | undefined): number {
  if (value === undefined) {
    return DEFAULT_MAX_FILE_SIZE;
  }
  const bytes = parseSize(value);
  if (bytes === undefined) {
    throw new UsageError(`invalid --max-file-size '${value}' (expected a positive number of bytes, e.g. 500000, 512K or 5M)`);
  }
  return bytes;
}

function depthOption(value: string | undefined): number {
  if (value === undefined) {
    return DEFAULT_HISTORY_DEPTH;
  }
  if (!/^\d{1,6}$/.test(value)) {
    throw new UsageError(`invalid --history-depth '${value}' (expected a number of commits, 0 to 999999)`);
  }
  return Number(value);
}

function writeReport(report: string, output: string | undefined, io: CliIo, problems: Problems): void {
  if (output === undefined) {
    io.writeStdout(report);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, output), report);
  } catch (err) {
    problems.error(output, `cannot write the report: ${describeFsError(err)}`);
  }
}
