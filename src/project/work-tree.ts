import { simpleGit } from 'simple-git';

/** True when `directory` is inside any git work tree (not only at its root). */
export async function isInsideWorkTree(directory: string): Promise<boolean> {
  return simpleGit({ baseDir: directory })
    .checkIsRepo()
    .catch(() => false);
}
