import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletedStep } from '../../machines/relay-types.js';
import { appendChangelog, changelogLine, changelogPath } from '../tracks/changelog.js';
import { committedSteps, stepCommitMessage } from '../tracks/git-steps.js';
import { stateName, writeTracksIndex } from '../tracks/index-file.js';
import { ledgerPath } from '../tracks/ledger.js';
import { TRACKS_INDEX, trackPath } from '../tracks/naming.js';
import { WRITTEN_FILES } from '../tracks/written-files.js';
import { STATE_VERSION, writeStateFile, type StateFile } from '../tracks/state-file.js';
import type { TrackSession } from './session.js';
import { BlockedError } from '../errors/index.js';
import { killPoint } from '../util/test-kill-point.js';

/** The persisted snapshot as the machine gives it (validated again when read back). */
export type PersistedSnapshot = StateFile['snapshot'];

/** Writes state.json atomically from a persisted snapshot. */
export async function saveState(session: TrackSession, snapshot: PersistedSnapshot): Promise<void> {
  const request = trackPath(session.meta.track, 'request.md');
  if (!existsSync(join(session.deps.projectRoot, request))) {
    throw new BlockedError(
      `track ${session.meta.track} was deleted while this command ran (${request} is gone)`,
      {
        hint: `Restore it with: git checkout -- ${trackPath(session.meta.track)}   (or start a new track)`,
      },
    );
  }
  await writeStateFile(session.deps.projectRoot, {
    version: STATE_VERSION,
    meta: session.meta,
    updatedAt: session.deps.now().toISOString(),
    snapshot,
  });
}

/**
 * Commits every step of the snapshot that git does not have yet, as ONE commit naming track, step
 * and persona, together with state.json, changelog.md, ledger.jsonl and tracks.md. Safe to call
 * again after a crash: committed steps are read from git, so none is committed twice.
 */
export async function commitPendingSteps(
  session: TrackSession,
  snapshot: PersistedSnapshot,
): Promise<string[]> {
  const { deps, meta } = session;
  const steps = snapshot.context.steps as CompletedStep[];
  // A track with no step yet has nothing to commit: git's log is not read for it.
  if (steps.length === 0) return [];
  const done = await committedSteps(deps.repo, meta.track);
  const pending = steps.filter((step) => !done.has(step.number));
  if (pending.length === 0) return [];
  const state = stateName(snapshot.value);
  await appendChangelog(
    deps.projectRoot,
    meta.track,
    pending.map((step) => ({ step, line: changelogLine(step, deps.now(), state) })),
  );
  const bookkeeping = [
    trackPath(meta.track, 'state.json'),
    changelogPath(meta.track),
    ledgerPath(meta.track),
    trackPath(meta.track, 'request.md'),
    // An answer saved just before a crash is kept even when the resumed interview skips its step.
    trackPath(meta.track, 'qa.md'),
    // What infrakit wrote into the code folder, so a later run can tell its own output from user edits.
    trackPath(meta.track, WRITTEN_FILES),
  ];
  const paths = [...new Set([...pending.flatMap((step) => step.files), ...bookkeeping])].filter((path) =>
    existsSync(join(deps.projectRoot, path)),
  );
  const message = stepCommitMessage(meta.track, pending);
  for (const step of pending) killPoint(`commit:${step.number}:before`);
  // tracks.md lists every track: it is written inside the repository-wide commit lock, so a
  // concurrent track's commit never overwrites it with an older view.
  await deps.repo.commitPaths([...paths, TRACKS_INDEX], message, {
    prepare: async () => void (await writeTracksIndex(deps.projectRoot)),
  });
  for (const step of pending) killPoint(`commit:${step.number}:after`);
  return pending.map((step) => `${step.number} ${step.name}`);
}
