import { mkdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { resolveInside } from '../../fs/confine.js';
import { BlockedError } from '../../errors/index.js';
import type { CodeResult } from '../output-schemas.js';
import type { TrackSession } from '../session.js';

/** The largest file the IaC Engineer may write (1 MiB): a bigger answer is refused, not written. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Writes model-produced files into the track's code folder. Every path goes through resolveInside:
 * a refused path throws PathEscapeError (exit 5), which blocks the track with the reason.
 * Returns the written paths relative to the project root.
 */
export async function writeCodeFiles(session: TrackSession, files: CodeResult['files']): Promise<string[]> {
  // The output folder itself (or a folder above it) may be a symlink planted to point outside.
  const root = await resolveInside(session.deps.projectRoot, session.meta.codeDirectory);
  const tooLarge = files.find((file) => Buffer.byteLength(file.content) > MAX_FILE_BYTES);
  if (tooLarge) {
    throw new BlockedError(
      `refused to write "${tooLarge.path.slice(0, 120)}": ${Buffer.byteLength(tooLarge.content)} bytes is more than the ${MAX_FILE_BYTES} bytes a generated file may have`,
      { hint: 'Infrastructure code files are small; run "infrakit resume <track>" to ask the model again.' },
    );
  }
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
