import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { writeInside } from '../fs/confine.js';
import type { FilePatch } from './fix/fix-types.js';

/** Reads the text of every parsed file (paths relative to projectRoot). */
export async function readTexts(projectRoot: string, files: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file, await readFile(resolve(projectRoot, file), 'utf8'));
  return texts;
}

/**
 * Writes patches atomically, each confined to the reviewed target (src/fs/confine.ts): a patch
 * whose file resolves outside it, through `..` or a symlink, throws PathEscapeError and nothing
 * after it is written.
 */
export async function writePatches(
  projectRoot: string,
  target: string,
  patches: FilePatch[],
): Promise<string[]> {
  const targetRoot = resolve(projectRoot, target);
  const written: string[] = [];
  for (const patch of patches) {
    const absolute = resolve(projectRoot, patch.file);
    const inside = relative(targetRoot, absolute) || patch.file.split(/[\\/]/).pop() || patch.file;
    const root = absolute === targetRoot ? resolve(targetRoot, '..') : targetRoot;
    await writeInside(root, absolute === targetRoot ? relative(root, absolute) : inside, patch.after, {
      forbiddenTopLevel: ['.git', '.infrakit'],
    });
    written.push(patch.file);
  }
  return written;
}
