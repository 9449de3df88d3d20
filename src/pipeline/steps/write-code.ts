import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { resolveInside, writeInside } from '../../fs/confine.js';
import { BlockedError } from '../../errors/index.js';
import { describeLimit, INPUT_LIMITS } from '../../limits/input-limits.js';
import { printable } from '../../util/printable.js';
import { uncommittedPaths } from '../../git/uncommitted.js';
import {
  contentHash,
  readWrittenJournal,
  recordWrites,
  type WrittenJournal,
} from '../../tracks/written-files.js';
import type { CodeResult } from '../output-schemas.js';
import type { TrackSession } from '../session.js';

/** The largest file the IaC Engineer may write (1 MiB): a bigger answer is refused, not written. */
export const MAX_FILE_BYTES = INPUT_LIMITS.answerFileBytes;

const RETRY_HINT = 'Run "infrakit resume <track>" to ask the model again.';

/** Refuses an answer over INPUT_LIMITS (file count, total bytes, file size, path and name length) before anything is written. */
function refuseOversizedAnswer(files: CodeResult['files']): void {
  const refuse = (message: string) => {
    throw new BlockedError(message, { hint: `Generated code is a few small files; ${RETRY_HINT}` });
  };
  if (files.length > INPUT_LIMITS.answerFiles)
    refuse(
      `refused to write the answer: ${files.length} files are more than ${describeLimit('answerFiles')}`,
    );
  const total = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  const tooLarge = files.find((file) => Buffer.byteLength(file.content) > MAX_FILE_BYTES);
  if (tooLarge)
    refuse(
      `refused to write "${printable(tooLarge.path.slice(0, 120))}": ${Buffer.byteLength(tooLarge.content)} bytes is more than the ${MAX_FILE_BYTES} bytes a generated file may have (${describeLimit('answerFileBytes')})`,
    );
  if (total > INPUT_LIMITS.answerTotalBytes)
    refuse(
      `refused to write the answer: ${total} bytes in all is more than ${describeLimit('answerTotalBytes')}`,
    );
  for (const file of files) {
    const shown = printable(file.path.slice(0, 120));
    if (file.path.length > INPUT_LIMITS.answerPathCharacters)
      refuse(
        `refused to write "${shown}…": a path of ${file.path.length} characters is more than ${describeLimit('answerPathCharacters')}`,
      );
    const longName = file.path
      .split(/[\\/]/)
      .find((segment) => Buffer.byteLength(segment) > INPUT_LIMITS.answerNameBytes);
    if (longName !== undefined)
      refuse(
        `refused to write "${shown}": a file name of ${Buffer.byteLength(longName)} bytes is more than ${describeLimit('answerNameBytes')}`,
      );
  }
}

/**
 * Writes model-produced files into the track's code folder. Every path goes through resolveInside:
 * a refused path throws PathEscapeError (exit 5), which blocks the track with the reason.
 * Returns the written paths relative to the project root.
 */
export async function writeCodeFiles(session: TrackSession, files: CodeResult['files']): Promise<string[]> {
  // The output folder itself (or a folder above it) may be a symlink planted to point outside.
  const root = await resolveInside(session.deps.projectRoot, session.meta.codeDirectory, { kind: 'folder' });
  refuseOversizedAnswer(files);
  await mkdir(root, { recursive: true });
  const prefix = `${session.meta.codeDirectory}/`;
  const targets = await Promise.all(
    files.map(async (file) => {
      const requested = file.path.startsWith(prefix) ? file.path.slice(prefix.length) : file.path;
      return {
        requested,
        path: await resolveInside(root, requested, { projectRoot: session.deps.projectRoot }),
        content: file.content.endsWith('\n') ? file.content : `${file.content}\n`,
      };
    }),
  );
  const realRoot = await realpath(session.deps.projectRoot);
  const writes = targets.map((target) => ({ ...target, relativePath: relative(realRoot, target.path) }));
  // A file git would refuse (a name, an ignore rule, an attribute) is refused before anything is
  // written: discovered at commit time it would leave the track stuck and the index dirty. In a
  // run this waits for the earlier steps' commits (repoBehindCommits), so the status read below
  // sees them made.
  const gitProblem = await session.deps.repo.commitProblem(writes.map((write) => write.relativePath));
  if (gitProblem) throw new BlockedError(`refused to write ${printable(gitProblem)}`, { hint: RETRY_HINT });
  const journal = await readWrittenJournal(session.deps.projectRoot, session.meta.track);
  await refuseToOverwriteUserEdits(session, writes, journal);
  await recordWrites(
    session.deps.projectRoot,
    session.meta.track,
    journal,
    writes.map((write) => ({ path: write.relativePath, content: write.content })),
  );
  // Checked again on the folder really opened: a link planted since the check is refused.
  for (const target of targets)
    await writeInside(root, target.requested, target.content, { projectRoot: session.deps.projectRoot });
  return writes.map((write) => write.relativePath);
}

/**
 * Nothing already there may be lost: a file about to be overwritten that has uncommitted changes
 * is refused unless its content is one infrakit itself wrote for this track (an interrupted or
 * blocked run leaves its own output uncommitted; the journal tells the two apart).
 */
async function refuseToOverwriteUserEdits(
  session: TrackSession,
  writes: Array<{ path: string; relativePath: string }>,
  journal: WrittenJournal,
): Promise<void> {
  const existing = writes.filter((write) => existsSync(write.path));
  const dirty = await uncommittedPaths(
    session.deps.projectRoot,
    existing.map((write) => write.relativePath),
  );
  if (dirty.size === 0) return;
  for (const write of existing) {
    if (!dirty.has(write.relativePath)) continue;
    const hash = contentHash(await readFile(write.path));
    if ((journal[write.relativePath] ?? []).includes(hash)) continue;
    const root = session.deps.projectRoot;
    throw new BlockedError(
      `refused to overwrite ${write.relativePath}: it has changes that are not committed and were not written by infrakit; commit them (git -C ${root} commit -am "...") or stash them (git -C ${root} stash -u), then run "infrakit resume ${session.meta.track}"`,
    );
  }
}
