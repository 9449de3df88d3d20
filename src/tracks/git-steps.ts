import type { Repo } from '../git/repo.js';

interface StepLabel {
  number: number;
  name: string;
  persona: string;
}

/**
 * The one-line commit message for the steps of one commit, e.g.
 * `infrakit(db-20260101-120000): step 3 review-architect by architect`. `committedSteps` parses it back.
 */
export function stepCommitMessage(track: string, steps: StepLabel[]): string {
  return `infrakit(${track}): ${steps.map((step) => `step ${step.number} ${step.name} by ${step.persona}`).join('; ')}`;
}

/** Step numbers of `track` already committed, read from the git log subjects. */
export async function committedSteps(repo: Repo, track: string): Promise<Set<number>> {
  const prefix = `infrakit(${track}): `;
  const numbers = new Set<number>();
  for (const entry of await repo.log(1000)) {
    if (!entry.message.startsWith(prefix)) continue;
    for (const match of entry.message.slice(prefix.length).matchAll(/(?:^|; )step (\d+) /g))
      numbers.add(Number(match[1]));
  }
  return numbers;
}
