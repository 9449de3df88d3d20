import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IacTool } from '../constraints/schema.js';
import { loadConstraints } from '../constraints/load.js';
import { loadPersonas, reviewPersonas } from '../personas/load.js';
import { codeDirectory } from '../tracks/code-location.js';
import { acquireTrackLock, type TrackLock } from '../tracks/lock.js';
import { TRACKS_DIR, TRACKS_INDEX, isUpdateTrackCode, trackId, trackPath } from '../tracks/naming.js';
import { readStateFile, type Budget, type StateFile, type TrackMeta } from '../tracks/state-file.js';
import { findTrack } from '../tracks/store.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { redact } from '../secrets/redact.js';
import { resolveInside } from '../fs/confine.js';
import { resolveTrackFile } from './track-files.js';
import { BlockedError, ConfigError } from '../errors/index.js';
import { allFinished } from '../util/all-finished.js';
import { printable } from '../util/printable.js';
import type { PipelineDeps } from './deps.js';
import type { TrackSession } from './session.js';

/** What a new track is started with. */
export interface NewTrackOptions {
  name: string;
  tool: IacTool;
  request: string;
  environment?: string;
  budget?: Budget;
}

/** A session holding the track's lock; call `lock.release()` when done. */
export interface LockedSession {
  session: TrackSession;
  lock: TrackLock;
  state?: StateFile;
}

/** Creates the track folder (request.md) and its locked session. The machine starts from input. */
export async function createTrack(deps: PipelineDeps, options: NewTrackOptions): Promise<LockedSession> {
  // Read side by side; a problem with the constraints is reported first, as when read in turn.
  const [constraints, personas] = await allFinished([
    loadConstraints(deps.projectRoot),
    loadPersonas(deps.personasDir),
  ]);
  let track = trackId(options.name, deps.now());
  for (let suffix = 2; existsSync(join(deps.projectRoot, trackPath(track))); suffix += 1)
    track = `${trackId(options.name, deps.now())}-${suffix}`;
  const meta: TrackMeta = {
    track,
    name: options.name,
    tool: options.tool,
    environment: options.environment,
    request: options.request,
    createdAt: deps.now().toISOString(),
    reviewerIds: reviewPersonas(personas).map((persona) => persona.id),
    codeDirectory: codeDirectory(options.tool, options.name, constraints),
    budget: options.budget,
  };
  const folder = await trackFolder(deps.projectRoot, track);
  // A repository that ignores the track's files (a .gitignore of `*`) would fail the first commit:
  // refused before anything is written.
  const gitProblem = await deps.repo.commitProblem([
    trackPath(track, 'request.md'),
    trackPath(track, 'state.json'),
    TRACKS_INDEX,
    `${meta.codeDirectory}/${expectedFileName(options.tool)}`,
  ]);
  if (gitProblem)
    throw new BlockedError(`cannot start track ${track}: ${printable(gitProblem)}`, {
      hint: 'Change the .gitignore or .gitattributes rule git names, then run the command again.',
    });
  await writeFileAtomic(
    await resolveTrackFile(deps.projectRoot, trackPath(track, 'request.md')),
    redact(`# Request\n\n${options.request}\n`),
  );
  const lock = await acquireTrackLock(folder, track, deps.pid);
  return { session: { deps, meta, constraints, personas }, lock };
}

/** Opens an existing track by id or name, takes its lock and reads its state. A new budget replaces the old one. */
export async function openTrack(
  deps: PipelineDeps,
  reference: string,
  budget?: Budget,
): Promise<LockedSession & { state: StateFile }> {
  await trackFolder(deps.projectRoot);
  const track = await findTrack(deps.projectRoot, reference);
  const lock = await acquireTrackLock(await trackFolder(deps.projectRoot, track), track, deps.pid);
  try {
    const state = await readStateFile(deps.projectRoot, track);
    const constraints = await loadConstraints(deps.projectRoot);
    refuseUnderivedCodeDirectory(state, codeDirectory(state.meta.tool, state.meta.name, constraints));
    const personas = await loadPersonas(deps.personasDir);
    const meta = budget ? { ...state.meta, budget } : state.meta;
    return { session: { deps, meta, constraints, personas }, lock, state };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * The track's folder (or, without a track, `.infrakit/tracks`), checked before anything is read or
 * written there: a symlinked `.infrakit`, `tracks` or track folder leading outside the project or
 * into .git/ is refused, so state, locks and artifacts cannot be redirected.
 */
async function trackFolder(projectRoot: string, track?: string): Promise<string> {
  const folder = track ? trackPath(track) : TRACKS_DIR;
  return resolveInside(projectRoot, folder, { forbiddenTopLevel: [], kind: 'folder' });
}
/** The code folder in state.json must be the one infrakit derives from the constraints and the track name. */
function refuseUnderivedCodeDirectory(state: StateFile, derived: string): void {
  if (state.meta.codeDirectory === derived) return;
  if (isUpdateTrackCode(state.meta.name, state.meta.codeDirectory)) return;
  const shown = trackPath(state.meta.track, 'state.json');
  throw new ConfigError(
    `${shown}: meta.codeDirectory "${printable(state.meta.codeDirectory)}" is not the folder infrakit derives for this track ("${derived}")`,
    [],
    {
      hint: `Nothing was read or sent. Restore the committed state (git checkout -- ${shown}); if you changed layout.outputDir in .infrakit/coding-style.md since the track started, change it back.`,
    },
  );
}

/** A file every track of `tool` writes, to ask git whether the code folder would be tracked. */
const expectedFileName = (tool: IacTool): string =>
  ({ crossplane: 'composition.yaml', terraform: 'main.tf', cloudformation: 'template.yaml' })[tool];
