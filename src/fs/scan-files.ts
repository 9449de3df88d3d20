import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isWithin } from './confine.js';
import { reservedReason } from './reserved-names.js';

/** A directory entry a scan left out, and why (shown to the user as a note, never a crash). */
export interface SkippedEntry {
  /** The entry's path relative to the boundary. */
  file: string;
  reason: string;
}

/** What a scan may read and where it stops. */
export interface ScanOptions {
  /** Links must resolve inside this folder (the project root); default: the scanned folder. */
  boundary?: string;
  /** Whether a file (by name) is wanted. */
  includeFile(name: string): boolean;
  /** Whether a folder (by name) is descended into. */
  includeFolder(name: string): boolean;
  /** Where skipped links are reported; without it they are left out silently. */
  skipped?: SkippedEntry[];
}

/**
 * Every wanted file under `directory`, sorted, without following a symlink out of the boundary:
 * a link to a file inside the boundary (and outside .git/ and .infrakit/) is kept; a link to a
 * folder is not followed (no loops, no second copy); a link that leads outside, into .git/ or
 * .infrakit/, or to nothing is skipped with a note. Unreadable folders are skipped the same way.
 */
export async function scanFiles(directory: string, options: ScanOptions): Promise<string[]> {
  const boundary = await realpath(resolve(options.boundary ?? directory));
  const files: string[] = [];
  const note = (path: string, reason: string) =>
    options.skipped?.push({ file: relative(boundary, path) || path, reason });
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      note(folder, `the folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    // Only the entries the walk can use are sorted: the same order, and a folder with a single
    // candidate never starts the ICU collator behind localeCompare (tens of ms of a cold verify).
    const candidates = entries.filter((entry) =>
      entry.isDirectory()
        ? options.includeFolder(entry.name)
        : entry.isFile()
          ? options.includeFile(entry.name)
          : entry.isSymbolicLink() && (options.includeFile(entry.name) || options.includeFolder(entry.name)),
    );
    for (const entry of candidates.sort((left, right) => left.name.localeCompare(right.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (options.includeFolder(entry.name)) await walk(path);
      } else if (entry.isFile()) {
        if (options.includeFile(entry.name)) files.push(path);
      } else if (entry.isSymbolicLink() && options.includeFile(entry.name)) {
        const reason = await linkProblem(path, boundary);
        if (reason) note(path, reason);
        else files.push(path);
      } else if (entry.isSymbolicLink() && options.includeFolder(entry.name)) {
        const reason = await linkProblem(path, boundary);
        if (reason) note(path, reason);
        else if ((await stat(path)).isDirectory()) note(path, 'a symlinked folder is not followed');
      }
    }
  };
  const start = resolve(directory);
  const startReal = await realpath(start);
  if (!isWithin(boundary, startReal)) {
    note(start, 'the folder is a symlink that leads outside the project');
    return [];
  }
  const reserved = reservedReason(relative(boundary, startReal).split(sep).filter(Boolean), false);
  if (reserved) {
    note(start, `the folder leads into ${reserved.replace(/^"[^"]*" is /, '')}; not read`);
    return [];
  }
  await walk(start);
  return files;
}

/** Why a symlink may not be read, or undefined when it resolves to a file or folder inside the boundary. */
export async function linkProblem(path: string, boundary: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (!real) return 'a symlink to something that does not exist (dangling); skipped';
  if (!isWithin(boundary, real)) return 'a symlink that leads outside the project; not read';
  const reason = reservedReason(relative(boundary, real).split(sep).filter(Boolean), false);
  if (reason) return `a symlink into ${reason.replace(/^"[^"]*" is /, '')}; not read`;
  const kind = await lstat(real).catch(() => undefined);
  if (!kind || (!kind.isFile() && !kind.isDirectory()))
    return 'a symlink to something that is not a file; not read';
  return undefined;
}
