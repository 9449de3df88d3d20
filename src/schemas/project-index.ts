import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { projectSchemaDirectory } from './cache-paths.js';

export const ProjectPackSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  tool: z.string(),
  origin: z.string(),
  kinds: z.number(),
  importedAt: z.string(),
});
export type ProjectPack = z.infer<typeof ProjectPackSchema>;

export const ProjectIndexSchema = z.object({ format: z.literal(1), packs: z.array(ProjectPackSchema) });
export type ProjectIndex = z.infer<typeof ProjectIndexSchema>;

/** Reads `.infrakit/schemas/index.json`; an absent or unreadable index is empty (it is a cache). */
export async function readProjectIndex(projectRoot: string): Promise<ProjectIndex> {
  try {
    const raw: unknown = JSON.parse(
      await readFile(join(projectSchemaDirectory(projectRoot), 'index.json'), 'utf8'),
    );
    const parsed = ProjectIndexSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
  } catch {
    // a missing cache is rebuilt on demand
  }
  return { format: 1, packs: [] };
}

/** Adds or replaces a pack (same name replaces) and writes the index atomically. */
export async function registerProjectPack(projectRoot: string, pack: ProjectPack): Promise<ProjectIndex> {
  const index = await readProjectIndex(projectRoot);
  const packs = index.packs.filter((existing) => existing.name !== pack.name && existing.id !== pack.id);
  packs.push(pack);
  const next: ProjectIndex = { format: 1, packs };
  const directory = projectSchemaDirectory(projectRoot);
  await mkdir(directory, { recursive: true });
  await writeFileAtomic(join(directory, 'index.json'), `${JSON.stringify(next, null, 2)}\n`);
  return next;
}
