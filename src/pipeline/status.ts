import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerTotals } from '../../providers/ledger.js';
import type { CompletedStep, GateSummary, ReviewSummary } from '../../machines/relay-types.js';
import { checkConstraints } from '../constraints/load.js';
import { answeredBySteps } from './answered-by.js';
import { doneEvidence, doneEvidenceHint } from '../tracks/done-evidence.js';
import { stateName } from '../tracks/index-file.js';
import { trackTotals } from '../tracks/ledger.js';
import { trackPath } from '../tracks/naming.js';
import { readStateFile, type TrackMeta } from '../tracks/state-file.js';
import { findTrack, listTracks } from '../tracks/store.js';

/** A one-screen summary of the project's constraints. */
export interface ConstraintsSummary {
  ok: boolean;
  problems: string[];
  provider?: string;
  region?: string;
  environments?: string[];
  compliance?: string[];
  iac?: string;
  validator?: string;
  mandatoryTags?: string[];
}

/** Status of one track. */
export interface TrackStatus {
  meta: TrackMeta;
  state: string;
  reason?: string;
  updatedAt: string;
  steps: CompletedStep[];
  reviews: Record<string, ReviewSummary>;
  gates: GateSummary[];
  usage: LedgerTotals;
  changelog: string;
  /** Who answered each step with a model call, by step number: "provider/model" or "host agent (...)". */
  answeredBy: Record<number, string>;
}

/** Reads the constraints and summarizes them; never throws for content problems. */
export async function summarizeConstraints(projectRoot: string): Promise<ConstraintsSummary> {
  const { constraints, problems } = await checkConstraints(projectRoot);
  if (!constraints) return { ok: false, problems };
  return {
    ok: true,
    problems,
    provider: constraints.context.provider,
    region: constraints.context.region,
    environments: constraints.context.environments.map((environment) => environment.name),
    compliance: constraints.context.compliance,
    iac: constraints.codingStyle.iac,
    validator: constraints.codingStyle.validator,
    mandatoryTags: constraints.tagging.tags.map((tag) => tag.key),
  };
}

/** The status of one track: state, history, reviews, gates, tokens and cost. */
export async function trackStatus(projectRoot: string, reference: string): Promise<TrackStatus> {
  const track = await findTrack(projectRoot, reference);
  const state = await readStateFile(projectRoot, track);
  const context = state.snapshot.context as unknown as {
    reason?: string;
    steps: CompletedStep[];
    reviews?: Record<string, ReviewSummary>;
    gates?: GateSummary[];
  };
  const name = stateName(state.snapshot.value);
  // A `done` is shown only when git backs it (every step committed, the committed gate report passed).
  // src/git is loaded only then: a status with no finished track starts without it.
  const evidence =
    name === 'done'
      ? await doneEvidence(
          (await import('../git/repo.js')).openRepo(projectRoot),
          track,
          context.steps.map((step) => step.number),
        )
      : undefined;
  const unproven =
    evidence?.kind === 'missing'
      ? `${evidence.problem}. ${doneEvidenceHint(track)}`
      : evidence?.kind === 'uncommitted'
        ? `steps ${evidence.steps.join(', ')} are not committed (the last commit failed). Run "infrakit resume ${track}" to commit them.`
        : undefined;
  return {
    meta: state.meta,
    state: unproven ? 'unverified' : name,
    reason: unproven ?? context.reason,
    updatedAt: state.updatedAt,
    steps: context.steps,
    reviews: context.reviews ?? {},
    gates: context.gates ?? [],
    usage: await trackTotals(projectRoot, track),
    changelog: await readFile(join(projectRoot, trackPath(track, 'changelog.md')), 'utf8').catch(() => ''),
    answeredBy: await answeredBySteps(projectRoot, track, context.steps),
  };
}

/** The status of every track, oldest first. */
export async function allTrackStatuses(projectRoot: string): Promise<TrackStatus[]> {
  const statuses: TrackStatus[] = [];
  for (const track of await listTracks(projectRoot)) statuses.push(await trackStatus(projectRoot, track));
  return statuses;
}
