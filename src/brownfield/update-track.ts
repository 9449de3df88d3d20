import { readFile } from 'node:fs/promises';
import type { IacTool } from '../constraints/schema.js';
import { writeInside, resolveReadable } from '../fs/confine.js';
import { parseText } from '../iac/parse.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { personaForStage } from '../personas/load.js';
import { callPersona } from '../pipeline/call-persona.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { withLock } from '../pipeline/operations.js';
import { throwIfInterrupted } from '../pipeline/steps/gates.js';
import { writeTrackFile } from '../pipeline/track-files.js';
import { createTrack } from '../pipeline/track-session.js';
import type { Budget } from '../tracks/state-file.js';
import { takeBaseline, type Baseline } from './baseline.js';
import { discussChange } from './update-change.js';
import { ChangePlanSchema, EditsSchema, type ChangePlan } from './change-schemas.js';
import { runBaselineDiffGate, type DiffGateResult } from './diff-gate.js';
import { applyEdits } from './edits/apply-edits.js';
import { checkEditsAgainstPlan, checkPlanAgainstBaseline } from './plan-checks.js';
import {
  editsInstruction,
  planInstruction,
  renderBaseline,
  renderChangePlan,
  renderDiffGate,
} from './update-prompts.js';
import { stepRecorder } from './update-record.js';
import { resolveUpdateTarget, updateTrackName } from './update-target.js';
import { unifiedDiff } from './unified-diff.js';

/** What an update is asked to do. */
export interface UpdateOptions {
  tool: IacTool;
  /** The folder or file with the existing code, relative to the project root. */
  target: string;
  change: string;
  environment?: string;
  budget?: Budget;
  maxQuestions: number;
}

/** Shown before the edits are written; returns false to stop without touching the code. */
export type ConfirmDiff = (view: { track: string; diff: string; plan: ChangePlan }) => Promise<boolean>;

/** Where an update track ended. */
export interface UpdateOutcome {
  track: string;
  state: 'done' | 'blocked' | 'declined';
  reason?: string;
  baseline: Baseline;
  plan?: ChangePlan;
  diff?: string;
  gate?: DiffGateResult;
}

const parseOne = (file: string, text: string): Promise<ParsedSource> => parseText(text, file);

/**
 * An update track: baseline → the change (Solutions Engineer, then parallel reviews) → the plan →
 * edits applied to the existing files → diff shown and confirmed → the baseline diff gate. A
 * blocked gate puts the files back as they were; the rejected diff stays in the track.
 */
export async function runUpdateTrack(
  deps: PipelineDeps,
  options: UpdateOptions,
  confirm: ConfirmDiff,
): Promise<UpdateOutcome> {
  const target = await resolveUpdateTarget(deps.projectRoot, options.target, options.tool);
  const request = `Change the existing ${options.tool} code in ${target.directory || '.'}: ${options.change}`;
  const locked = createTrack(deps, {
    name: updateTrackName(target.directory),
    tool: options.tool,
    request,
    environment: options.environment,
    budget: options.budget,
  });
  return withLock(locked, async ({ session: created }) => {
    const session = { ...created, meta: { ...created.meta, codeDirectory: target.directory || '.' } };
    const recorder = stepRecorder(session);
    const track = session.meta.track;
    const scan = {
      projectRoot: deps.projectRoot,
      tool: options.tool,
      files: target.files,
      constraints: session.constraints,
      environment: options.environment,
      gates: deps.gates,
      trackDir: `.infrakit/tracks/${track}`,
      signal: deps.signal,
    };
    deps.progress('taking the baseline: validator, verifier and policy over the existing code...');
    const baseline = await takeBaseline(scan, target.parsed, deps.now());
    throwIfInterrupted(deps.signal, track);
    const baselineFiles = [
      await writeTrackFile(session, 'baseline.json', `${JSON.stringify(baseline, null, 2)}\n`),
      await writeTrackFile(session, 'baseline.md', renderBaseline(baseline)),
      await writeTrackFile(session, 'findings.json', `${JSON.stringify(baseline.findings, null, 2)}\n`),
    ];
    await recorder.record('baseline', 'gate', baselineFiles, 'baselined');
    const blocked = async (
      reason: string,
      files: string[] = [],
      extra: Partial<UpdateOutcome> = {},
    ): Promise<UpdateOutcome> => {
      await recorder.record('blocked', 'gate', files, 'blocked', reason);
      return { track, state: 'blocked', reason, baseline, ...extra };
    };

    // The change: the Solutions Engineer asks about the change only; then the parallel reviews.
    const texts = await readTexts(deps.projectRoot, target.files);
    const discussed = await discussChange(session, recorder, {
      change: options.change,
      maxQuestions: options.maxQuestions,
      parsed: target.parsed,
      texts,
      baseline,
    });
    if (discussed.blockedReason) return blocked(discussed.blockedReason);

    // The plan: which resources and fields change.
    const engineer = personaForStage(session.personas, 'engineer');
    const plan = await callPersona(session, engineer, {
      step: 'plan',
      instruction: planInstruction(baseline.resources.map((resource) => resource.key)),
      output: { name: 'change_plan', schema: ChangePlanSchema },
    });
    const planFiles = [
      await writeTrackFile(session, 'plan.json', `${JSON.stringify(plan, null, 2)}\n`),
      await writeTrackFile(session, 'plan.md', renderChangePlan(plan)),
    ];
    await recorder.record('plan', engineer.id, planFiles, 'planned');
    const planProblem = checkPlanAgainstBaseline(plan, baseline, target.parsed);
    if (planProblem) return blocked(planProblem, [], { plan });

    // Implementation: edits applied to the existing files, never a rewrite.
    const result = await callPersona(session, engineer, {
      step: 'edits',
      instruction: editsInstruction(plan),
      output: { name: 'edits', schema: EditsSchema },
    });
    const editsFile = await writeTrackFile(session, 'edits.json', `${JSON.stringify(result, null, 2)}\n`);
    const editProblem = checkEditsAgainstPlan(result.edits, plan);
    if (editProblem) return blocked(editProblem, [editsFile], { plan });
    const originals = await readTexts(deps.projectRoot, target.files);
    let applied;
    try {
      applied = await applyEdits(originals, result.edits, {
        targetPrefix: target.directory ? `${target.directory}/` : '',
        parse: parseOne,
      });
    } catch (error) {
      return blocked(error instanceof Error ? error.message : String(error), [editsFile], { plan });
    }
    if (applied.after.size === 0) return blocked('the edits change nothing', [editsFile], { plan });
    const diff = unifiedDiff(applied.before, applied.after);
    const diffFile = await writeTrackFile(session, 'changes.diff', diff);
    if (!(await confirm({ track, diff, plan }))) {
      await recorder.record(
        'diff',
        engineer.id,
        [editsFile, diffFile],
        'declined',
        'the diff was not confirmed; the code is unchanged',
      );
      return {
        track,
        state: 'declined',
        reason: 'the diff was not confirmed; the code is unchanged',
        baseline,
        plan,
        diff,
      };
    }
    for (const [file, text] of applied.after) await writeInside(deps.projectRoot, file, text);

    // The gate: validator, no new findings, only planned lines; fixed findings listed.
    deps.progress('running the baseline diff gate...');
    const plannedResources = plan.changes.map((change) => change.resource);
    const gate = await runBaselineDiffGate({
      ...scan,
      baseline,
      before: applied.before,
      after: applied.after,
      plannedResources,
      renames: applied.renames,
      parse: parseOne,
    });
    if (deps.signal?.aborted) {
      // Ctrl-C during the gate: the edits were never judged, so the files go back as they were.
      for (const [file, text] of applied.before) await writeInside(deps.projectRoot, file, text);
      throwIfInterrupted(deps.signal, track);
    }
    const report = await writeTrackFile(session, 'gate-report.md', renderDiffGate(gate, deps.now()));
    const gateJson = await writeTrackFile(session, 'gate.json', `${JSON.stringify(gate, null, 2)}\n`);
    if (gate.status === 'blocked') {
      for (const [file, text] of applied.before) await writeInside(deps.projectRoot, file, text);
      const rejectedDiff = await writeTrackFile(session, 'rejected.diff', diff);
      return blocked(
        `${gate.reasons.join('; ')} (the files were put back as they were)`,
        [editsFile, diffFile, rejectedDiff, report, gateJson],
        { plan, diff, gate },
      );
    }
    await recorder.record(
      'code',
      engineer.id,
      [editsFile, diffFile, ...applied.after.keys()],
      'implementing',
    );
    await recorder.record('gate', 'gate', [report, gateJson], 'done');
    return { track, state: 'done', baseline, plan, diff, gate };
  });
}

async function readTexts(projectRoot: string, files: string[]): Promise<Map<string, string>> {
  return new Map(
    await Promise.all(
      files.map(
        async (file) =>
          [file, await readFile(await resolveReadable(projectRoot, file), 'utf8')] as [string, string],
      ),
    ),
  );
}
