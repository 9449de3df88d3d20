import type { FakeAnswer } from './fake-deps.js';

/** The SE asks `questions` questions, then writes a spec with R1 and R2. */
export const solutionsEngineer =
  (questions: number): FakeAnswer =>
  (_request, call) =>
    call <= questions
      ? { question: { key: `q${call}`, text: `Question ${call}?`, options: ['small', 'large'] }, spec: null }
      : { question: null, spec: '# Spec\n\n- R1: a keyspace\n- R2: encrypted with a customer key\n' };

/** A reviewer that always gives this verdict. */
export const reviewer =
  (verdict: 'APPROVE' | 'APPROVE WITH CHANGES' | 'REJECT', id: string): FakeAnswer =>
  () => ({
    verdict,
    summary: `${id} summary`,
    findings:
      verdict === 'APPROVE'
        ? []
        : [
            {
              id: `${id}-1`,
              severity: 'high',
              title: `${id} finding`,
              detail: `${id} detail`,
              recommendation: 'fix',
              controls: [],
            },
          ],
  });

/** The IaC Engineer: a plan with two tasks, then code for each task. */
export const iacEngineer: FakeAnswer = (request) => {
  if (request.output?.name === 'plan') {
    return {
      plan: '# Plan\n\nBuild it.',
      tasks: [
        { id: 'T1', title: 'XRD', requirements: ['R1'], files: ['definition.yaml'] },
        {
          id: 'T2',
          title: 'Composition',
          requirements: ['R1', 'R2'],
          files: ['composition.yaml', 'examples/xr.yaml'],
        },
      ],
    };
  }
  const text = JSON.stringify(request.messages);
  if (text.includes('Implement task T1'))
    return { files: [{ path: 'definition.yaml', content: 'kind: XRD' }], notes: '' };
  return {
    files: [
      { path: 'composition.yaml', content: 'kind: Composition' },
      { path: 'examples/xr.yaml', content: 'kind: XThing' },
    ],
    notes: '',
  };
};

/** Every persona of a whole relay: `questions` questions, two approving reviews, the IaC Engineer's plan and code. */
export const approvingRelay = (questions: number): Record<string, FakeAnswer> => ({
  'solutions-engineer': solutionsEngineer(questions),
  architect: reviewer('APPROVE', 'A'),
  'security-engineer': reviewer('APPROVE', 'S'),
  'iac-engineer': iacEngineer,
});

/** Resolves after `milliseconds` (a fake call or commit that takes a while). */
export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
