import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';

/** A NUL byte within this many leading bytes marks a file as binary. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export type ReadOutcome =
  | { readonly status: 'text'; readonly text: string; readonly invalidUtf8: boolean }
  | { readonly status: 'skipped'; readonly reason: string };

/**
 * Reads a file as the editor would show it. Throws the file-system error when it cannot be read.
 * Files over `maxBytes`, and files with a NUL byte near the start, are skipped.
 */
export function readSource(absPath: string, maxBytes: number): ReadOutcome {
  const fd = openSync(absPath, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      return { status: 'skipped', reason: `larger than ${formatSize(maxBytes)} (${size} bytes; see --max-file-size)` };
    }
    const bytes = readFileSync(fd);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      return { status: 'skipped', reason: 'binary file (NUL byte in the first 8 KB)' };
    }
    return { status: 'text', ...decodeUtf8(bytes) };
  } finally {
    closeSync(fd);
  }
}

// Like the editor: a leading byte-order mark is not part of the text (so it is not a column),
// and each invalid byte sequence becomes one U+FFFD.
const decoder = new TextDecoder('utf-8', { ignoreBOM: false, fatal: false });

export function decodeUtf8(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  return { text: decoder.decode(bytes), invalidUtf8: !isUtf8(bytes) };
}

/** `5M`, `64K` or `1000 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)}M`;
  }
  if (bytes > 0 && bytes % 1024 === 0) {
    return `${bytes / 1024}K`;
  }
  return `${bytes} bytes`;
}

/** Parses `--max-file-size`: a whole number of bytes, or with a `K` or `M` (1024-based) suffix. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)([KkMm]?)$/.exec(text);
  if (!match) {
    return undefined;
  }
  const unit = match[2].toUpperCase();
  const bytes = Number(match[1]) * (unit === 'M' ? 1024 * 1024 : unit === 'K' ? 1024 : 1);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
