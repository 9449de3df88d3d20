import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BaselineSchema, type ScanInput } from '../brownfield/baseline.js';
import {
  beginExistingCodeCheck,
  finishExistingCodeCheck,
  type ExistingCodeCheck,
} from '../brownfield/quick-fix-gate.js';
import { trackPath } from '../tracks/naming.js';
import { withExistingCodeGate } from './existing-code-gate.js';
import { throwIfInterrupted } from './steps/gates.js';
import type { TrackSession } from './session.js';
import { listCodeFiles, readTrackFile, writeTrackFile } from './track-files.js';

/** The track file holding the baseline and the code's text from before a quick fix on existing code. */
export const EXISTING_CODE_FILE = 'existing-code.json';

/** existing-code.json: the baseline (as baseline.json of the update commands) and each file's text before the fix. */
const ExistingCodeFileSchema = z.object({
  version: z.literal(1),
  baseline: BaselineSchema,
  before: z.record(z.string(), z.string()),
});

const scanOf = (session: TrackSession, files: string[]): ScanInput => ({
  projectRoot: session.deps.projectRoot,
  tool: session.meta.tool,
  files,
  constraints: session.constraints,
  environment: session.meta.environment,
  gates: session.deps.gates,
  trackDir: trackPath(session.meta.track),
  signal: session.deps.signal,
});

/**
 * Before a quick fix writes anything: when the track's code folder already has code, takes the
 * baseline (validator, verifier, policy) and commits it to the track as existing-code.json, so every
 * later `validating` of the track (this run, `resume`, a retry) runs the baseline diff gate. Returns
 * undefined, and removes a stale file, when the folder is empty.
 */
export async function recordExistingCode(session: TrackSession): Promise<ExistingCodeCheck | undefined> {
  const { deps, meta } = session;
  const files = await listCodeFiles(deps.projectRoot, meta.codeDirectory);
  const path = trackPath(meta.track, EXISTING_CODE_FILE);
  if (files.length === 0) {
    if ((await readTrackFile(session, EXISTING_CODE_FILE)) !== undefined) {
      await rm(join(deps.projectRoot, path), { force: true });
      await deps.repo.commitPaths([path], `infrakit(${meta.track}): no existing code, baseline removed`);
    }
    return undefined;
  }
  deps.progress('existing code: taking the baseline (validator, verifier and policy) before the fix...');
  const check = await beginExistingCodeCheck(scanOf(session, files), deps.now());
  // A baseline whose validator was killed by Ctrl-C would later excuse real failures: never record it.
  throwIfInterrupted(deps.signal, meta.track);
  const content = { version: 1, baseline: check.baseline, before: Object.fromEntries(check.before) };
  await writeTrackFile(session, EXISTING_CODE_FILE, `${JSON.stringify(content, null, 2)}\n`);
  await deps.repo.commitPaths([path], `infrakit(${meta.track}): baseline of the existing code for quick-fix`);
  return check;
}

/** The check recorded in the track, or undefined when the track has none; a damaged file is an error naming it. */
export async function loadExistingCode(session: TrackSession): Promise<ExistingCodeCheck | undefined> {
  const text = await readTrackFile(session, EXISTING_CODE_FILE);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ExistingCodeFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${trackPath(session.meta.track, EXISTING_CODE_FILE)} is not valid: ${parsed.error.issues[0]?.message}`,
    );
  const before = new Map(Object.entries(parsed.data.before));
  return { baseline: parsed.data.baseline, before, scan: scanOf(session, [...before.keys()]) };
}

/**
 * The session whose gates also run the baseline diff gate when the track recorded existing code
 * (the planned resources are those plan.md and tasks.md name); the session itself otherwise.
 */
export async function withTrackBaseline(session: TrackSession): Promise<TrackSession> {
  const check = await loadExistingCode(session);
  if (!check) return session;
  const gates = withExistingCodeGate(session.deps.gates, {
    check,
    finish: finishExistingCodeCheck,
    planText: async () =>
      [await readTrackFile(session, 'plan.md'), await readTrackFile(session, 'tasks.md')].join('\n'),
  });
  return { ...session, deps: { ...session.deps, gates } };
}
