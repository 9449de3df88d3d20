import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { redact } from '../secrets/redact.js';
import { TRACKS_INDEX } from './naming.js';
import { readStateFile } from './state-file.js';
import { listTracks } from './store.js';

/** A printable state name from a persisted snapshot value (`reviewing` is parallel: an object). */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (key === 'reviewing') return 'reviewing';
    return inner && typeof inner === 'string' ? `${key}.${inner}` : String(key);
  }
  return 'unknown';
}

/** Rewrites .infrakit/tracks.md from every track's state.json. Returns its path relative to the root. */
export async function writeTracksIndex(projectRoot: string): Promise<string> {
  const rows: string[] = [];
  for (const track of await listTracks(projectRoot)) {
    const state = await readStateFile(projectRoot, track).catch(() => undefined);
    if (!state) {
      rows.push(`| ${track} | ? | unreadable state.json | |`);
      continue;
    }
    const reason =
      typeof state.snapshot.context.reason === 'string' ? state.snapshot.context.reason.split('\n')[0] : '';
    rows.push(
      `| ${track} | ${state.meta.tool} | ${stateName(state.snapshot.value)} | ${state.updatedAt} | ${reason.replace(/\|/g, '\\|')} |`,
    );
  }
  const text = [
    '# Tracks',
    '',
    '| track | tool | state | updated | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  await writeFileAtomic(join(projectRoot, TRACKS_INDEX), redact(text));
  return TRACKS_INDEX;
}
