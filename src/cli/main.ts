/**
 * The command-line face: `django-secret-hygiene <command> [options]`.
 * Bundled to dist/cli.js; tests call `main` in-process with their own io.
 */
import { OptionSpec, parseArgs, ParsedArgs, UsageError } from './args';
import { Command, EXIT_ERROR, EXIT_OK, HELP_OPTION, PROGRAM } from './command';
import { fixCommand } from './fix/command';
import { generateCommand } from './generate';
import { CliIo, processIo } from './io';
import { retireCommand, rotateCommand } from './rotate/command';
import { scanCommand } from './scan/command';
import { VERSION } from './package-info';

/** Every subcommand, in help order. */
export const COMMANDS: readonly Command[] = [scanCommand, fixCommand, rotateCommand, retireCommand, generateCommand];

const TOP_OPTIONS: readonly OptionSpec[] = [HELP_OPTION, { name: 'version' }];

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.writeStderr(topHelp());
    return EXIT_ERROR;
  }
  if (first.startsWith('-')) {
    return guardUsage(io, undefined, () => runTopOptions(parseArgs(argv, TOP_OPTIONS), io));
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    return guardUsage(io, undefined, () => {
      throw new UsageError(`unknown command '${first}'`);
    });
  }
  return guardUsage(io, command, () => runCommand(command, rest, io));
}

export function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}\n`).join('');
  return (
    `Usage: ${PROGRAM} <command> [options]\n` +
    `       ${PROGRAM} --help | --version\n` +
    '\n' +
    'Finds hardcoded Django SECRET_KEYs, weak keys and literal defaults in\n' +
    'environment lookups, in Python and .env files.\n' +
    '\n' +
    'Commands:\n' +
    commands +
    '\n' +
    'Options:\n' +
    '  -h, --help    show this help and exit\n' +
    '  --version     print the version and exit\n' +
    '\n' +
    `Run '${PROGRAM} <command> --help' for a command's options.\n`
  );
}

function runTopOptions(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length > 0) {
    throw new UsageError(`unexpected argument '${args.positionals[0]}' (the command comes first)`);
  }
  io.writeStdout(args.options.has('help') ? topHelp() : `${VERSION}\n`);
  return EXIT_OK;
}

async function runCommand(command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [...command.options, HELP_OPTION]);
  if (args.options.has('help')) {
    io.writeStdout(command.help);
    return EXIT_OK;
  }
  return command.run(args, io);
}

/** Turns a UsageError into a message with a pointer to the right help, and exit code 2. */
async function guardUsage(
  io: CliIo,
  command: Command | undefined,
  body: () => number | Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof UsageError)) {
      throw err;
    }
    const helpArgs = command ? `${command.name} --help` : '--help';
    io.writeStderr(`${PROGRAM}: ${err.message}\nRun '${PROGRAM} ${helpArgs}' for usage.\n`);
    return EXIT_ERROR;
  }
}

async function runFromProcess(): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) is not an error worth a stack trace.
    if (err.code === 'EPIPE') {
      process.exit(process.exitCode ?? EXIT_OK);
    }
    throw err;
  });
  try {
    process.exitCode = await main(process.argv.slice(2), processIo());
  } catch (err) {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`${PROGRAM}: internal error: ${detail}\n`);
    process.exitCode = EXIT_ERROR;
  }
}

if (require.main === module) {
  void runFromProcess();
}
