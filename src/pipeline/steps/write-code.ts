import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { resolveInside } from '../../fs/confine.js';
import type { CodeResult } from '../output-schemas.js';
import type { TrackSession } from '../session.js';

/**
 * Writes model-produced files into the track's code folder. Every path goes through resolveInside:
 * a refused path throws PathEscapeError (exit 5), which blocks the track with the reason.
 * Returns the written paths relative to the project root.
 */
export async function writeCodeFiles(session: TrackSession, files: CodeResult['files']): Promise<string[]> {
  const root = join(session.deps.projectRoot, session.meta.codeDirectory);
  await mkdir(root, { recursive: true });
  const prefix = `${session.meta.codeDirectory}/`;
  const targets = await Promise.all(
    files.map(async (file) => ({
      path: await resolveInside(
        root,
        file.path.startsWith(prefix) ? file.path.slice(prefix.length) : file.path,
      ),
      content: file.content.endsWith('\n') ? file.content : `${file.content}\n`,
    })),
  );
  for (const target of targets) await writeFileAtomic(target.path, target.content);
  const realRoot = await import('node:fs/promises').then((fs) => fs.realpath(session.deps.projectRoot));
  return targets.map((target) => relative(realRoot, target.path));
}
