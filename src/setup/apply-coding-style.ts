import type { CodingStyle } from '../constraints/schema.js';
import type { CodingStyleAnswers } from './answers-schema.js';

/** Applies coding-style answers to the current front matter. Pure; the caller validates the result. */
export function applyCodingStyleAnswers(current: CodingStyle, answers: CodingStyleAnswers): unknown {
  const next: Record<string, unknown> = { ...current };
  if (answers.versionPinning) next.versionPinning = answers.versionPinning;
  if (answers.validator) next.validator = answers.validator;
  if (answers.maxRepairRounds !== undefined) next.maxRepairRounds = answers.maxRepairRounds;
  if (answers.outputDir) next.layout = { ...current.layout, outputDir: answers.outputDir };
  if (answers.composition) next.composition = { ...current.composition, ...answers.composition };
  if (answers.terraform) {
    const { backend, ...versions } = answers.terraform;
    const terraform: Record<string, unknown> = { ...current.terraform, ...withoutUndefined(versions) };
    if (backend?.type === 'none') delete terraform.backend;
    else if (backend?.type === 'local') terraform.backend = { type: 'local', config: {} };
    else if (backend?.type === 's3') {
      const config = {
        ...(current.terraform?.backend?.type === 's3' ? current.terraform.backend.config : {}),
      };
      Object.assign(
        config,
        withoutUndefined({ bucket: backend.bucket, key: backend.key, region: backend.region }),
      );
      terraform.backend = { type: 's3', config: { encrypt: true, use_lockfile: true, ...config } };
    }
    next.terraform = terraform;
  }
  return next;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
