import { basename } from 'node:path';
import { UsageError } from '../errors/index.js';

/** Folder of all tracks, relative to the project root. */
export const TRACKS_DIR = '.infrakit/tracks';
/** The tracks index, relative to the project root. */
export const TRACKS_INDEX = '.infrakit/tracks.md';

const NAME = /^[a-z][a-z0-9-]{0,50}$/;

/** Checks a user-given resource name (kebab-case); throws a UsageError naming the argument. */
export function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(
      `invalid name "${name}": expected lowercase letters, digits and dashes, starting with a letter (at most 51 characters)`,
      {
        hint: 'Example: infrakit new-composition cassandra-keyspace',
      },
    );
  }
  return name;
}

/** `<name>-<YYYYMMDD-HHMMSS>` in UTC. */
export function trackId(name: string, now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${name}-${date}-${time}`;
}

/** The name part of a track id. */
export const nameOfTrack = (track: string): string => track.replace(/-\d{8}-\d{6}$/, '');

/** A track folder path relative to the project root. */
export const trackPath = (track: string, file?: string): string =>
  file ? `${TRACKS_DIR}/${track}/${file}` : `${TRACKS_DIR}/${track}`;

/** One segment of a folder infrakit derives from the constraints: no dot folders, no `..`, no separators. */
export const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The name of the update track that changes existing code in `directory` (`update-<folder>`). */
export function updateTrackName(directory: string): string {
  const base = basename(directory || 'project')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `update-${base || 'project'}`.slice(0, 51).replace(/-+$/, '');
}

/**
 * True when `codeDirectory` is the existing code an update track of this name changes: update
 * tracks work on a folder the user named (checked for confinement when it is read), and their name
 * is derived from it.
 */
export function isUpdateTrackCode(name: string, codeDirectory: string): boolean {
  if (!name.startsWith('update-')) return false;
  if (codeDirectory === '.') return true;
  const segments = codeDirectory.split('/');
  return segments.every((segment) => SAFE_SEGMENT.test(segment)) && updateTrackName(codeDirectory) === name;
}
