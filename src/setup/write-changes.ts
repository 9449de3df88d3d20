import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { openRepo, type Repo } from '../git/repo.js';
import type { FileChange } from './plan-changes.js';

/** What was written, and the commit that recorded it (undefined outside a git repository). */
export interface WrittenChanges {
  files: string[];
  commit?: string;
}

/** Writes each file atomically, then commits exactly those files when the project is a git repository. */
export async function writeChanges(
  root: string,
  changes: readonly FileChange[],
  message: string,
  openRepository: (root: string) => Repo = openRepo,
): Promise<WrittenChanges> {
  for (const entry of changes) await writeFileAtomic(join(root, entry.path), entry.after);
  const files = changes.map((entry) => entry.path);
  if (files.length === 0) return { files };
  const repository = openRepository(root);
  if (!(await repository.isRepo())) return { files };
  return { files, commit: await repository.commitPaths(files, message) };
}
