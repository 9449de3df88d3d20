import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { redact } from '../secrets/redact.js';
import { trackPath } from '../tracks/naming.js';
import type { TrackSession } from './session.js';

/** Reads a file of the track, or undefined when it does not exist. */
export async function readTrackFile(session: TrackSession, file: string): Promise<string | undefined> {
  return readFile(join(session.deps.projectRoot, trackPath(session.meta.track, file)), 'utf8').catch(
    () => undefined,
  );
}

/** Writes a file of the track atomically, scrubbed of secrets; returns its path relative to the project root. */
export async function writeTrackFile(session: TrackSession, file: string, content: string): Promise<string> {
  const relativePath = trackPath(session.meta.track, file);
  await writeFileAtomic(join(session.deps.projectRoot, relativePath), redact(content));
  return relativePath;
}

/** Every file under the track's code folder, relative to the project root, sorted. */
export async function listCodeFiles(projectRoot: string, codeDirectory: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !entry.name.startsWith('.')) found.push(relative(projectRoot, path));
    }
  };
  await walk(join(projectRoot, codeDirectory));
  return found.sort();
}
