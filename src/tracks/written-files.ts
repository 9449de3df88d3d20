import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { trackPath } from './naming.js';

/** The journal of every content infrakit wrote into a track's code folder: path -> sha256 list. */
export const WRITTEN_FILES = 'written.json';

const JournalSchema = z.record(z.string(), z.array(z.string()));
export type WrittenJournal = z.infer<typeof JournalSchema>;

/** sha256 of a file's content, hex. */
export const contentHash = (content: string | Buffer): string =>
  createHash('sha256').update(content).digest('hex');

/** The track's journal; empty when none was written yet or it cannot be read. */
export async function readWrittenJournal(projectRoot: string, track: string): Promise<WrittenJournal> {
  try {
    const parsed = JournalSchema.safeParse(
      JSON.parse(await readFile(join(projectRoot, trackPath(track, WRITTEN_FILES)), 'utf8')),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Records the contents about to be written, before writing them: a crash between the two leaves
 * the journal knowing both the old and the new content as infrakit's own.
 */
export async function recordWrites(
  projectRoot: string,
  track: string,
  current: WrittenJournal,
  writes: Array<{ path: string; content: string }>,
): Promise<void> {
  const journal = { ...current };
  for (const write of writes) {
    const hashes = new Set(journal[write.path] ?? []);
    hashes.add(contentHash(write.content));
    journal[write.path] = [...hashes].sort();
  }
  const sorted = Object.fromEntries(Object.entries(journal).sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(
    join(projectRoot, trackPath(track, WRITTEN_FILES)),
    `${JSON.stringify(sorted, null, 2)}\n`,
  );
}
