import { ParsedArgs, UsageError } from './args';
import { Command, EXIT_OK, PROGRAM } from './command';
import { CliIo } from './io';
import { DEFAULT_KEY_FORMAT, generateKey, isKeyFormat, KEY_FORMAT_INFO, KEY_FORMATS, KeyFormat } from '../core/keys/generate';

export const MAX_COUNT = 10_000;

const HELP_WIDTH = 78;
const FORMAT_INDENT = 14;

const HELP =
  `Usage: ${PROGRAM} generate [--count N] [--format FORMAT]\n` +
  '\n' +
  "Prints new random secret keys, one per line, drawn from the operating system's\n" +
  'cryptographic random number generator with every character equally likely.\n' +
  '\n' +
  'Formats:\n' +
  KEY_FORMATS.map(formatHelp).join('') +
  '\n' +
  'Options:\n' +
  `  --count N        how many keys to print, 1 to ${MAX_COUNT} (default: 1)\n` +
  `  --format FORMAT  ${KEY_FORMATS.join(', ')} (default: ${DEFAULT_KEY_FORMAT})\n` +
  '  -h, --help       show this help and exit\n' +
  '\n' +
  "In a .env file, write a django key in single quotes (SECRET_KEY='...'); a\n" +
  'shell-safe or hex key needs no quoting anywhere.\n' +
  '\n' +
  'Exit status: 0 keys printed, 2 usage errors.\n';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'print new random secret keys',
  options: [{ name: 'count', value: 'N' }, { name: 'format', value: 'FORMAT' }],
  help: HELP,
  run: runGenerate,
};

function runGenerate(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length > 0) {
    throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  }
  const format = formatOption(args.options.get('format'));
  const count = countOption(args.options.get('count'));
  const keys = Array.from({ length: count }, () => generateKey(format));
  io.writeStdout(`${keys.join('\n')}\n`);
  return EXIT_OK;
}

function formatOption(value: string | true | undefined): KeyFormat {
  if (value === undefined) {
    return DEFAULT_KEY_FORMAT;
  }
  if (!isKeyFormat(value)) {
    throw new UsageError(`invalid --format '${String(value)}' (expected ${KEY_FORMATS.join(', ')})`);
  }
  return value;
}

function countOption(value: string | true | undefined): number {
  if (value === undefined) {
    return 1;
  }
  const count = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(count >= 1 && count <= MAX_COUNT)) {
    throw new UsageError(`invalid --count '${String(value)}' (expected a whole number from 1 to ${MAX_COUNT})`);
  }
  return count;
}

/** `  name        N characters, B bits` and the format's description, wrapped under it. */
function formatHelp(format: KeyFormat): string {
  const info = KEY_FORMAT_INFO[format];
  const fallback = format === DEFAULT_KEY_FORMAT ? ' (default)' : '';
  const head = `  ${format.padEnd(FORMAT_INDENT - 2)}${info.length} characters, ${Math.floor(info.bits)} bits${fallback}\n`;
  return head + wrap(`${info.description}.`, FORMAT_INDENT);
}

function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}\n`).join('');
}
