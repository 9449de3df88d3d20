import type { CompletedStep, GateSummary, RelayContext, ReviewOutput } from './relay-types.js';

/**
 * Pure helpers the relay statechart uses in guards and actions. No IO: everything here is a
 * function of the context and the event.
 */

/**
 * True when an actor error means "a human must act" (budget, refused path, missing tool: exit
 * code 5), or is a provider error that outlived every retry (exit code 6, except an abort:
 * docs/providers.md says the pipeline turns these into `blocked`, with the fault as the reason).
 */
export function isBlockingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { exitCode, kind } = error as { exitCode?: unknown; kind?: unknown };
  return exitCode === 5 || (exitCode === 6 && kind !== 'aborted');
}

/** A one-line message for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** Appends a completed step with the next number. */
export function appendStep(
  steps: CompletedStep[],
  name: string,
  persona: string,
  files: string[],
  firstNumber = 1,
): CompletedStep[] {
  const number = steps.length ? steps[steps.length - 1].number + 1 : firstNumber;
  return [...steps, { number, name, persona, files }];
}

/** Only a run where there is at least one gate and every gate passed may reach `done`. */
export function allGatesPassed(gates: GateSummary[]): boolean {
  return gates.length > 0 && gates.every((gate) => gate.status === 'passed');
}

/** A failed validator (and nothing unavailable) is worth a repair round. */
export function isRepairable(gates: GateSummary[]): boolean {
  return (
    !gates.some((gate) => gate.status === 'unavailable') && gates.some((gate) => gate.status === 'failed')
  );
}

/** Explains why the gate did not pass, one gate per line, with install hints. */
export function gateBlockReason(gates: GateSummary[], repairRounds: number): string {
  if (gates.length === 0) return 'no gate ran, so the track cannot be done';
  const lines = gates
    .filter((gate) => gate.status !== 'passed')
    .map(
      (gate) =>
        `${gate.gate} ${gate.status}: ${gate.summary}${gate.installHint ? ` (install: ${gate.installHint})` : ''}`,
    );
  const unavailable = gates.some((gate) => gate.status === 'unavailable');
  const prefix = unavailable
    ? 'a gate could not run'
    : `the gate still fails after ${repairRounds} repair round(s)`;
  return `${prefix}:\n${lines.join('\n')}`;
}

/** True when any review returned REJECT. */
export function anyRejected(reviews: RelayContext['reviews']): boolean {
  return Object.values(reviews).some((review) => review.verdict === 'REJECT');
}

/** The reason recorded when reviews keep rejecting after the last allowed revision. */
export function rejectionReason(reviews: RelayContext['reviews'], revisions: number): string {
  const rejecting = Object.entries(reviews)
    .filter(([, review]) => review.verdict === 'REJECT')
    .map(([id, review]) => `${id} (${review.openFindings} open finding(s))`);
  return `the spec was rejected after ${revisions} revision(s) by ${rejecting.join(', ')}; see the review files in the track`;
}

/** Converts a review actor's output to the summary the machine keeps. */
export function summarizeReview(output: ReviewOutput): RelayContext['reviews'][string] {
  return { verdict: output.verdict, openFindings: output.openFindings };
}
