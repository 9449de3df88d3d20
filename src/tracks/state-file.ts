import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IacToolSchema } from '../constraints/schema.js';
import { ConfigError } from '../errors/index.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { redact } from '../secrets/redact.js';
import { printable } from '../util/printable.js';
import { TRACKS_DIR } from './naming.js';
import { forgedStateProblems } from './state-checks.js';

/** Bumped when the persisted layout changes; older files are refused with a clear message. */
export const STATE_VERSION = 1;

const BudgetSchema = z.object({ unit: z.enum(['usd', 'tokens']), limit: z.number().positive() });

/** What a track knows about itself, besides the machine snapshot. */
export const TrackMetaSchema = z.object({
  track: z.string().min(1),
  name: z.string().min(1),
  tool: IacToolSchema,
  environment: z.string().optional(),
  request: z.string(),
  createdAt: z.string(),
  reviewerIds: z.array(z.string()).min(1),
  codeDirectory: z.string(),
  budget: BudgetSchema.optional(),
});
export type TrackMeta = z.infer<typeof TrackMetaSchema>;
export type Budget = z.infer<typeof BudgetSchema>;

/** The persisted XState snapshot: checked for the fields resume relies on, the rest kept as is. */
const PersistedSnapshotSchema = z
  .object({
    status: z.enum(['active', 'done', 'error', 'stopped']),
    value: z.union([z.string(), z.record(z.string(), z.unknown())]),
    context: z
      .object({
        track: z.string(),
        steps: z.array(
          z.object({ number: z.number(), name: z.string(), persona: z.string(), files: z.array(z.string()) }),
        ),
      })
      .loose(),
  })
  .loose();

/** state.json: versioned envelope around the machine's persisted snapshot. */
export const StateFileSchema = z.object({
  version: z.literal(STATE_VERSION),
  meta: TrackMetaSchema,
  updatedAt: z.string(),
  snapshot: PersistedSnapshotSchema,
});
export type StateFile = z.infer<typeof StateFileSchema>;

/** Absolute path of a track's state.json. */
export const stateFilePath = (projectRoot: string, track: string): string =>
  join(projectRoot, TRACKS_DIR, track, 'state.json');

/** Writes state.json atomically, scrubbed of secrets (an error body can echo a key). */
export async function writeStateFile(projectRoot: string, state: StateFile): Promise<void> {
  await writeFileAtomic(
    stateFilePath(projectRoot, state.meta.track),
    redact(`${JSON.stringify(state, null, 2)}\n`),
  );
}

/** Reads and validates state.json; a missing, corrupt or foreign-version file is a ConfigError naming it. */
export async function readStateFile(projectRoot: string, track: string): Promise<StateFile> {
  const path = stateFilePath(projectRoot, track);
  const shown = `${TRACKS_DIR}/${printable(track)}/state.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(`${shown}: ${missing ? 'the file is missing' : 'not valid JSON'}`, [], {
      hint: missing
        ? `Restore it if it was committed: git checkout -- ${shown}\n  Otherwise the track stopped before its first save: delete ${TRACKS_DIR}/${track}/ and start a new track.`
        : 'Restore it from git: git checkout -- ' + shown,
    });
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== STATE_VERSION) {
    throw new ConfigError(
      `${shown}: version ${String(version)} is not supported (this infrakit reads version ${STATE_VERSION})`,
      [],
      {
        hint: 'Use the infrakit version that created the track, or start a new track.',
      },
    );
  }
  const result = StateFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${shown}: ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`${shown} is invalid:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'Restore it from git: git checkout -- ' + shown,
    });
  }
  const forged = forgedStateProblems(track, result.data).map((problem) => `${shown}: ${problem}`);
  if (forged.length) {
    throw new ConfigError(
      `${shown} was not written by infrakit for this track:\n  ${forged.join('\n  ')}`,
      forged,
      {
        hint: `Nothing was read or sent. Restore the committed file (git checkout -- ${shown}), or delete ${TRACKS_DIR}/${track}/ and start a new track.`,
      },
    );
  }
  return result.data;
}
