import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/project/init.js';
import { SetupAnswersSchema, type SetupAnswers } from '../../src/setup/answers-schema.js';
import { contextQuestions } from '../../src/setup/context-questions.js';
import { checkNamingPlaceholders } from '../../src/setup/naming-placeholders.js';
import type { Question } from '../../src/setup/question.js';
import { readSetupBase } from '../../src/setup/setup-base.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});
const messages = (input: unknown) => {
  const parsed = SetupAnswersSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('setup answers are checked like the interview', () => {
  it('refuses a region AWS does not have, with a did-you-mean', () => {
    expect(messages({ region: 'eu-west-9' })).toEqual([
      'region: eu-west-9 is not an AWS region; did you mean eu-west-1?',
    ]);
    expect(messages({ region: 'eu-west-3' })).toEqual([]);
  });

  it('refuses a naming placeholder nothing fills, in both answer forms', () => {
    expect(messages({ naming: '{squad}-{env}-{resource}' })[0]).toMatch(
      /^naming: \{squad\} is not a naming placeholder \(known: \{env\}, /,
    );
    expect(messages({ naming: { pattern: '{envv}-{team}' } })[0]).toMatch(
      /^naming\.pattern: \{envv\} is not a naming placeholder; did you mean \{env\}\?/,
    );
    expect(messages({ naming: '{team}-{env}-{resource}' })).toEqual([]);
    expect(checkNamingPlaceholders('{env}-{service}-{region}')).toBe(true);
  });

  it('the interview refuses the same placeholder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'infrakit-answer-checks-'));
    created.push(root);
    await initProject({ directory: '.', cwd: root, iac: 'crossplane', git: false, templatesDirectory });
    const setup = await readSetupBase(root, templatesDirectory);
    const naming = contextQuestions(
      { context: setup.context.value, tagging: setup.tagging.value },
      {},
      'crossplane',
    ).find((question) => question.id === 'naming') as Extract<Question<SetupAnswers>, { kind: 'input' }>;
    expect(naming.validate('{squad}-{resource}')).toMatch(/^\{squad\} is not a naming placeholder/);
    expect(naming.validate('{team}-{resource}')).toBe(true);
  });
});
