import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { redact } from '../secrets/redact.js';
import { isGitFolderName } from '../fs/reserved-names.js';
import { scanFiles } from '../fs/scan-files.js';
import { PathEscapeError, resolveInside, writeInside, resolveReadable } from '../fs/confine.js';
import { trackPath } from '../tracks/naming.js';
import type { TrackSession } from './session.js';

/** Reads a file of the track, or undefined when it does not exist. */
export async function readTrackFile(session: TrackSession, file: string): Promise<string | undefined> {
  const relativePath = trackPath(session.meta.track, file);
  return resolveReadable(session.deps.projectRoot, relativePath, { allowInfrakitFolder: true })
    .then((path) => readFile(path, 'utf8'))
    .catch((error: unknown) => {
      if (error instanceof PathEscapeError) throw error;
      return undefined;
    });
}

/** Writes a file of the track atomically, scrubbed of secrets; returns its path relative to the project root. */
export async function writeTrackFile(session: TrackSession, file: string, content: string): Promise<string> {
  const relativePath = trackPath(session.meta.track, file);
  // infrakit's own file, but a symlinked .infrakit/ or tracks/ folder may not redirect it.
  await writeInside(session.deps.projectRoot, relativePath, redact(content), { forbiddenTopLevel: [] });
  return relativePath;
}

/**
 * The absolute path of a file infrakit writes in its own folder (`.infrakit/...`), refused when a
 * symlinked `.infrakit`, `tracks` or track folder leads outside the project or into .git/.
 */
export function resolveTrackFile(projectRoot: string, relativePath: string): Promise<string> {
  return resolveInside(projectRoot, relativePath, { forbiddenTopLevel: [] });
}

/**
 * Every file under the track's code folder, relative to the project root, sorted. No symlink is
 * followed out of the project or into .git/ or .infrakit/, so no outside file reaches a prompt;
 * dangling links are left out.
 */
export async function listCodeFiles(projectRoot: string, codeDirectory: string): Promise<string[]> {
  const found = await scanFiles(join(projectRoot, codeDirectory), {
    boundary: projectRoot,
    includeFile: (name) => !name.startsWith('.'),
    includeFolder: (name) => !isGitFolderName(name),
  }).catch(() => [] as string[]);
  return found.map((path) => relative(projectRoot, path)).sort();
}
