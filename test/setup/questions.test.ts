import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/project/init.js';
import {
  SetupAnswersSchema,
  type CodingStyleAnswers,
  type SetupAnswers,
} from '../../src/setup/answers-schema.js';
import { codingStyleQuestions } from '../../src/setup/coding-style-questions.js';
import { contextQuestions } from '../../src/setup/context-questions.js';
import type { Question } from '../../src/setup/question.js';
import { runQuestions } from '../../src/setup/run-questions.js';
import { readSetupBase } from '../../src/setup/setup-base.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');

async function base(iac: 'crossplane' | 'terraform') {
  const root = await mkdtemp(join(tmpdir(), 'infrakit-questions-'));
  await initProject({ directory: '.', cwd: root, iac, git: false, templatesDirectory });
  return readSetupBase(root, templatesDirectory);
}

/** Answers scripted by question id; anything unscripted takes the question's default. */
function scripted(script: Record<string, unknown>, asked: string[]) {
  return async <Answers>(question: Question<Answers>): Promise<unknown> => {
    asked.push(question.id);
    if (question.id in script) {
      const value = script[question.id];
      if (question.kind === 'input' && typeof value === 'string')
        expect(question.validate(value), question.id).toBe(true);
      return value;
    }
    if (question.kind === 'checkbox')
      return question.choices.filter((choice) => choice.checked).map((choice) => choice.value);
    return question.default;
  };
}

describe('the setup interview', () => {
  it('asks about a dozen questions in order, one per environment pair, and produces valid answers', async () => {
    const setup = await base('crossplane');
    const current = { context: setup.context.value, tagging: setup.tagging.value };
    const asked: string[] = [];
    const answers = await runQuestions<SetupAnswers>(
      {},
      (so) => contextQuestions(current, so, 'crossplane'),
      scripted(
        {
          region: 'ap-southeast-2',
          environments: 'dev, prod',
          'environments[prod].protections': ['multiAz', 'backups', 'deletionProtection'],
          compliance: ['hipaa'],
          tags: 'environment, team, owner',
          'tags[owner].source': 'label',
          'tags[owner].from': 'acme.io/owner',
        },
        asked,
      ),
    );
    expect(asked).toEqual([
      'provider',
      'region',
      'naming',
      'environments',
      'environments[dev].encryptionAtRest',
      'environments[dev].protections',
      'environments[prod].encryptionAtRest',
      'environments[prod].protections',
      'compliance',
      'network.topology',
      'network.privateOnly',
      'resilience.rpoMinutes',
      'resilience.rtoMinutes',
      'resilience.multiRegion',
      'crossplane.version',
      'crossplane.apiGroup',
      'tags',
      'tags[owner].source',
      'tags[owner].from',
    ]);
    const parsed = SetupAnswersSchema.parse(answers);
    expect(parsed.region).toBe('ap-southeast-2');
    expect(parsed.compliance).toEqual(['hipaa']);
    const prod = parsed.environments?.find(
      (environment) => typeof environment !== 'string' && environment.name === 'prod',
    );
    expect(prod).toMatchObject({
      multiAz: true,
      backups: true,
      deletionProtection: true,
      pointInTimeRecovery: false,
      publicAccess: false,
    });
    expect(parsed.tags?.[2]).toEqual({ key: 'owner', source: 'label', from: 'acme.io/owner' });
  });

  it('rejects bad input in the prompt itself', async () => {
    const setup = await base('crossplane');
    const questions = contextQuestions(
      { context: setup.context.value, tagging: setup.tagging.value },
      {},
      'crossplane',
    );
    const byId = (id: string) =>
      questions.find((question) => question.id === id) as Extract<Question<SetupAnswers>, { kind: 'input' }>;
    expect(byId('region').validate('moon')).toBe('expected a region such as us-east-1, got "moon"');
    expect(byId('region').validate('eu-west-9')).toBe(
      'eu-west-9 is not an AWS region; did you mean eu-west-1?',
    );
    expect(byId('region').validate('eu-west-3')).toBe(true);
    expect(byId('tags').apply({}, 'owner, Cost Center').tags).toEqual(['owner', 'Cost Center']);
    expect(byId('environments').validate('dev, Prod')).toBe(
      '"Prod": expected a lowercase name such as dev, staging or prod',
    );
    expect(byId('environments').validate('dev, dev')).toBe('expected unique environment names');
    expect(byId('naming').validate('static-name')).toBe(
      'expected at least one {placeholder}, e.g. {env}-{team}-{resource}',
    );
  });

  it('asks Terraform teams about versions and the state backend', async () => {
    const setup = await base('terraform');
    const asked: string[] = [];
    const answers = await runQuestions<CodingStyleAnswers>(
      {},
      (so) => codingStyleQuestions(setup.codingStyle.value, so),
      scripted({ 'terraform.backend.bucket': 'acme-tf-state' }, asked),
    );
    expect(asked).toContain('terraform.backend.bucket');
    expect(answers.terraform?.backend).toEqual({ type: 's3', bucket: 'acme-tf-state' });
  });
});
