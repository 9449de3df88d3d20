import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEDGER_FILE, LedgerEntrySchema, type LedgerEntry } from '../../providers/ledger.js';
import type { CompletedStep } from '../../machines/relay-types.js';
import { trackDirectory } from '../tracks/ledger.js';

/** Who answered a model call: "provider/model", or the host agent's own label ("host agent (claude-code)"). */
export const answererOf = (entry: Pick<LedgerEntry, 'provider' | 'model'>): string =>
  entry.provider === 'host-agent' ? entry.model : `${entry.provider}/${entry.model}`;

/** The ledger's readable entries, in order (a torn line is skipped, as the totals skip it). */
async function ledgerEntries(projectRoot: string, track: string): Promise<LedgerEntry[]> {
  const text = await readFile(join(trackDirectory(projectRoot, track), LEDGER_FILE), 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    try {
      const parsed = LedgerEntrySchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/** The ledger step label of the model calls behind a machine step. */
function labelOf(step: CompletedStep): string | undefined {
  if (step.name === 'question' || step.name === 'spec') return 'spec';
  if (step.name.startsWith('review-')) return 'review';
  if (step.name === 'plan') return 'plan';
  if (step.name === 'code') return 'code';
  if (step.name === 'repair') return 'repair';
  return undefined;
}

/**
 * For each completed step with a model call, who answered it, read from the ledger in order: the
 * n-th step of a persona and kind is matched with the n-th call of that persona and kind (a step
 * that made several calls, such as code, takes every call of its kind). Questions are answered by
 * the user; what is listed for them is who asked.
 */
export async function answeredBySteps(
  projectRoot: string,
  track: string,
  steps: CompletedStep[],
): Promise<Record<number, string>> {
  const entries = await ledgerEntries(projectRoot, track);
  const used = new Set<number>();
  const result: Record<number, string> = {};
  for (const step of steps) {
    const label = labelOf(step);
    if (!label) continue;
    const matches = (entry: LedgerEntry) =>
      entry.persona === step.persona && entry.step.split(' ')[0] === label;
    const indexes = entries.flatMap((entry, index) => (!used.has(index) && matches(entry) ? [index] : []));
    const taken = label === 'code' ? indexes : indexes.slice(0, 1);
    for (const index of taken) used.add(index);
    const names = [...new Set(taken.map((index) => answererOf(entries[index])))];
    if (names.length) result[step.number] = names.join(', ');
  }
  return result;
}
