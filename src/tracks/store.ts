import { lstat, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';
import { PathEscapeError } from '../fs/confine.js';
import { printable } from '../util/printable.js';
import { nameOfTrack, TRACKS_DIR } from './naming.js';
import { readStateFile } from './state-file.js';
import { isTrackId } from './state-checks.js';

/** Every track id in the project, oldest first (ids sort by time within a name). */
export async function listTracks(projectRoot: string): Promise<string[]> {
  const directory = join(projectRoot, TRACKS_DIR);
  const entries = await readdir(directory).catch(() => [] as string[]);
  const tracks: string[] = [];
  for (const entry of entries) {
    // Only folders infrakit could have created: a planted `../x`-like name, a name with escape
    // sequences or a symlinked folder is not a track.
    if (!isTrackId(entry)) continue;
    const folder = await lstat(join(directory, entry)).catch(() => undefined);
    if (!folder?.isDirectory()) continue;
    const info = await lstat(join(directory, entry, 'state.json')).catch(() => undefined);
    if (info?.isFile()) tracks.push(entry);
  }
  return tracks.sort(
    (left, right) => left.slice(-15).localeCompare(right.slice(-15)) || left.localeCompare(right),
  );
}

/**
 * A track folder that is a symlink (a planted link could redirect the track's own writes outside
 * the project) is not listed as a track; asked for by name, it is refused with the reason rather
 * than reported as missing.
 */
async function refuseLinkedTrackFolder(projectRoot: string, reference: string): Promise<void> {
  const directory = join(projectRoot, TRACKS_DIR);
  for (const entry of await readdir(directory).catch(() => [] as string[])) {
    if (!isTrackId(entry) || (entry !== reference && nameOfTrack(entry) !== reference)) continue;
    const folder = await lstat(join(directory, entry)).catch(() => undefined);
    if (folder?.isSymbolicLink())
      throw new PathEscapeError(
        `${TRACKS_DIR}/${entry}`,
        'the track folder is a symlink; infrakit writes a track only into a real folder inside the project',
      );
  }
}

/**
 * Finds a track by its full id, or by its name (the newest track of that name).
 * Throws a UsageError listing the known tracks when nothing matches.
 */
export async function findTrack(projectRoot: string, reference: string): Promise<string> {
  const tracks = await listTracks(projectRoot);
  if (tracks.includes(reference)) return reference;
  const byName = tracks.filter((track) => nameOfTrack(track) === reference);
  if (byName.length) return byName[byName.length - 1];
  // A track folder without state.json (deleted, or a crash before the first save): say so, by name.
  if (/^[a-z0-9-]+$/.test(reference) && existsSync(join(projectRoot, TRACKS_DIR, reference))) {
    await readStateFile(projectRoot, reference);
  }
  await refuseLinkedTrackFolder(projectRoot, reference);
  const known = tracks.length ? `known tracks: ${tracks.join(', ')}` : 'there are no tracks yet';
  throw new UsageError(`no track named "${printable(reference)}" (${printable(known)})`, {
    hint: tracks.length
      ? 'Pass a track id or name from "infrakit status".'
      : 'Start one with: infrakit new-composition <name>',
  });
}
