import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSubmission, type SubmissionContext } from '../../src/steps/check-submission.js';
import type { PendingStep, StepBook } from '../../src/steps/step-book.js';

const question: PendingStep = {
  id: 'question-1-0123456789ab',
  kind: 'question',
  persona: 'user',
  title: 'Question 1',
  output: 'answer',
  task: 'question-1-0123456789ab',
  system: [],
  prompt: 'Which environments?',
  question: { number: 1, key: 'environments', text: 'Which environments?', options: [] },
};
const book: StepBook = {
  version: 1,
  through: 'spec',
  state: 'specifying',
  position: '[{"specifying":"answering"},0]',
  pending: [question],
  answered: [],
};

async function contextWith(overrides: Partial<SubmissionContext> = {}): Promise<SubmissionContext> {
  return {
    projectRoot: await realpath(await mkdtemp(join(tmpdir(), 'infrakit-submission-'))),
    codeDirectory: 'compositions/bucket',
    book,
    position: { track: 'bucket-20260101-120000', state: 'specifying', stepsDone: 0, key: book.position },
    secrets: ['sk-live-secret-value-1234'],
    ...overrides,
  };
}

describe('checkSubmission', () => {
  it('accepts a pending step with a matching answer, with key-shaped and known secret values redacted', async () => {
    const { data } = await checkSubmission(
      await contextWith(),
      question.id,
      JSON.stringify({ answer: 'dev and prod; key sk-live-secret-value-1234 and sk-ant-api03-abcdefgh' }),
    );
    expect(data).toEqual({ answer: 'dev and prod; key [REDACTED] and [REDACTED]' });
  });

  it('refuses a step from before the track moved on, naming where it is now', async () => {
    const context = await contextWith({
      position: { track: 'bucket-20260101-120000', state: 'reviewing', stepsDone: 3, key: '["reviewing",3]' },
    });
    await expect(checkSubmission(context, question.id, '{"answer":"dev"}')).rejects.toThrow(
      'the track moved on (it is now reviewing after 3 step(s))',
    );
  });

  it('refuses an id that is not a step id, or a track no agent drives, with the expected step', async () => {
    const context = await contextWith();
    await expect(checkSubmission(context, '../../state', '{}')).rejects.toMatchObject({
      message: expect.stringContaining('not a step id'),
      hint: expect.stringContaining(`Expected one of: ${question.id}`),
    });
    await expect(checkSubmission(await contextWith({ book: undefined }), question.id, '{}')).rejects.toThrow(
      'has no step waiting',
    );
  });

  it('refuses a code answer that writes outside the code folder or into .infrakit', async () => {
    const code: PendingStep = {
      ...question,
      id: 'iac-engineer-0123456789ab',
      kind: 'persona',
      output: 'code',
      question: undefined,
    };
    const context = await contextWith({ book: { ...book, pending: [code] } });
    const answer = (path: string) => JSON.stringify({ files: [{ path, content: 'x' }], notes: '' });
    await expect(checkSubmission(context, code.id, answer('/etc/passwd'))).rejects.toThrow(
      'absolute paths are not allowed',
    );
    await expect(checkSubmission(context, code.id, answer('.infrakit/tracks/x/state.json'))).rejects.toThrow(
      "is infrakit's own folder (.infrakit/)",
    );
    await expect(checkSubmission(context, code.id, answer('composition.yaml'))).resolves.toMatchObject({
      step: code,
    });
  });
});
