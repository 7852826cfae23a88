/** What the CLI needs from its surroundings; injectable so tests run in-process. */
export interface CliIo {
  /** Folder that relative paths on the command line (and in reports) are relative to. */
  readonly cwd: string;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/** The real process: standard streams and the current directory. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    writeStdout: (text) => {
      process.stdout.write(text);
    },
    writeStderr: (text) => {
      process.stderr.write(text);
    },
  };
}
