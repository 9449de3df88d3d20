import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CompletedStep } from '../../machines/relay-types.js';
import { trackPath } from './naming.js';

/** changelog.md of a track, relative to the project root. */
export const changelogPath = (track: string): string => trackPath(track, 'changelog.md');

/** One changelog line for a completed step. */
export function changelogLine(step: CompletedStep, at: Date, state: string): string {
  const files = step.files.length ? `: ${step.files.join(', ')}` : '';
  return `- ${at.toISOString()} step ${step.number} ${step.name} (${step.persona}) → ${state}${files}\n`;
}

/**
 * Appends a line per step to the track's changelog.md, creating it with a heading. Idempotent: a
 * step already listed (after a crash before its commit) is not listed twice.
 */
export async function appendChangelog(
  projectRoot: string,
  track: string,
  entries: Array<{ step: CompletedStep; line: string }>,
): Promise<void> {
  const path = join(projectRoot, changelogPath(track));
  await mkdir(dirname(path), { recursive: true });
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  const fresh = entries.filter(({ step }) => !existing?.includes(` step ${step.number} ${step.name} `));
  if (fresh.length === 0 && existing !== undefined) return;
  const heading = existing === undefined ? `# Changelog of ${track}\n\n` : '';
  await appendFile(path, heading + fresh.map(({ line }) => line).join(''));
}
