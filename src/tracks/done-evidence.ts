import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';
import { committedSteps } from './git-steps.js';
import { trackPath } from './naming.js';

/** What a `done` in state.json rests on, read from git (never from the state file itself). */
export type DoneEvidence =
  | { kind: 'proven' }
  /** Steps state.json lists that git does not have: the final commit failed; resume commits them. */
  | { kind: 'uncommitted'; steps: number[] }
  /** Nothing in git shows that the gates passed: the `done` was not reached by infrakit. */
  | { kind: 'missing'; problem: string };

/** `## <gate>: <status>` lines of a gate report. */
const GATE_LINE = /^## (\w+): (\w+)\s*$/gm;

/**
 * Checks a `done` track: every step is committed, and the gate report committed in git shows at
 * least one gate and every gate passed (only then can the relay reach `done`).
 */
export async function doneEvidence(repo: Repo, track: string, stepNumbers: number[]): Promise<DoneEvidence> {
  const committed = await committedSteps(repo, track);
  const uncommitted = stepNumbers.filter((number) => !committed.has(number));
  const reportPath = trackPath(track, 'gate-report.md');
  // Uncommitted last steps (a failed final commit) still need the passing report they wrote.
  const report = uncommitted.length
    ? await readFile(join(repo.root, reportPath), 'utf8').catch(() => undefined)
    : await repo.readCommitted(reportPath);
  if (report === undefined)
    return { kind: 'missing', problem: `state.json says done, but git has no committed ${reportPath}` };
  const problem = failedGates(report, reportPath);
  if (problem) return { kind: 'missing', problem };
  return uncommitted.length ? { kind: 'uncommitted', steps: uncommitted } : { kind: 'proven' };
}

function failedGates(report: string, reportPath: string): string | undefined {
  const gates = [...report.matchAll(GATE_LINE)];
  const notPassed = gates.filter((match) => match[2] !== 'passed').map((match) => `${match[1]} ${match[2]}`);
  if (gates.length === 0 || notPassed.length)
    return `state.json says done, but ${reportPath} ${gates.length ? `shows ${notPassed.join(', ')}` : 'lists no gate'}`;
  return undefined;
}

/** The fix for a `done` without evidence. */
export const doneEvidenceHint = (track: string): string =>
  `Restore the committed state (git checkout -- ${trackPath(track, 'state.json')}) and run "infrakit resume ${track}"; the gates decide when a track is done.`;
