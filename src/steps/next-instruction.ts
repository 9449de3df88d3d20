import type { PendingStep } from './step-book.js';

/** The one sentence that tells the agent what to do after a drive. */
export function nextInstruction(
  track: string,
  state: string,
  pending: PendingStep[],
  reason?: string,
  driver: 'agent' | 'sampling' = 'agent',
): string {
  const sampled = driver === 'sampling';
  if (pending.some((step) => step.kind === 'question'))
    return `Ask your user the question below, word for word (offer its options if any), and submit their answer as {"answer": "..."}${sampled ? ' with track_submit_step: the run then goes on through your model' : ''}. Do not answer it yourself.`;
  if (pending.length > 1)
    return `Answer each of these ${pending.length} steps in its own context (a separate subagent each; they may run in parallel and must not see each other's answer), using only its system and prompt, as JSON matching its schema; submit each with its step id.`;
  if (pending.length === 1)
    return 'Answer this step using only its system and prompt, as JSON matching its schema, and submit it with its step id.';
  switch (state) {
    case 'done':
      return 'infrakit ran the validator, the field verifier and the policy gate and every one passed: the track is done.';
    case 'spec-reviewed':
      return sampled
        ? `The spec is reviewed. To plan, call track_run with {"track": "${track}", "advance": "plan"}.`
        : `The spec is reviewed. To plan, run "infrakit step next ${track} --advance plan" (MCP: track_next_step with advance "plan").`;
    case 'planned':
      return sampled
        ? `The plan is written. To write the code and run the gates, call track_run with {"track": "${track}", "advance": "implement"}.`
        : `The plan is written. To write the code and run the gates, run "infrakit step next ${track} --advance implement" (MCP: advance "implement").`;
    case 'blocked':
    case 'failed':
      return `The track is ${state}: ${reason ?? 'see infrakit status'}. Fix the cause (or tell your user), then ${sampled ? `call track_run with {"track": "${track}", "advance": "retry"}` : `run "infrakit step next ${track} --advance retry"`}. Never claim the track is done.`;
    default:
      return `The track is ${state}; run "infrakit step next ${track}".`;
  }
}
