/**
 * Throwaway project trees on disk and their exact state (every entry's type, mode and content
 * hash), so a test can tell that a command left every byte as it was.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../unit/cli-harness';

/** Relative path -> `file 644 sha256:...`, `dir 755` or `link -> target`. */
export type TreeState = Record<string, string>;

export function treeState(root: string): TreeState {
  const out: TreeState = {};
  const walk = (rel: string): void => {
    const full = rel === '' ? root : join(root, rel);
    const stats = lstatSync(full);
    const mode = (stats.mode & 0o7777).toString(8);
    if (stats.isSymbolicLink()) {
      out[rel] = `link -> ${readlinkSync(full)}`;
    } else if (stats.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of readdirSync(full).sort()) walk(rel === '' ? name : `${rel}/${name}`);
    } else {
      out[rel] = `file ${mode} sha256:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** A project tree that the unprivileged user of the permission tests can read (folders 755). */
export function makeProject(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = makeTree(files);
  const open = (rel: string): void => {
    const full = rel === '' ? root : join(root, rel);
    if (!lstatSync(full).isDirectory()) return;
    chmodSync(full, 0o755);
    for (const name of readdirSync(full)) open(rel === '' ? name : `${rel}/${name}`);
  };
  open('');
  return root;
}
