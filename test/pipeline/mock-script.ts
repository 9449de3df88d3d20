import type { MockRule, RecordedRequest } from '../support/mock-model-types.js';

/** Markers that must never leak between isolated personas. */
export const MARKERS = {
  answer: 'ANSWER-MARKER-7',
  architect: 'ARCH-FINDING-MARKER',
  security: 'SEC-FINDING-MARKER',
};

const bodyText = (request: RecordedRequest): string => JSON.stringify(request.body);

const review = (verdict: string, id: string, marker: string) => ({
  verdict,
  summary: `${id} review`,
  findings:
    verdict === 'APPROVE'
      ? []
      : [
          {
            id: `${id}-1`,
            severity: 'medium',
            title: marker,
            detail: marker,
            recommendation: 'fix it',
            controls: ['SOC 2 CC6.1'],
          },
        ],
});

/**
 * Mock rules for the four personas: the SE asks `questions` questions then writes a spec with R1/R2;
 * the architect gives `architectVerdicts` in turn; security approves with changes; the IaC Engineer plans two tasks and writes code.
 */
export function relayMockScript(options: {
  questions: number;
  architectVerdicts?: string[];
  reviewLatencyMs?: number;
}): MockRule[] {
  let seCalls = 0;
  let architectCalls = 0;
  const verdicts = options.architectVerdicts ?? ['APPROVE WITH CHANGES'];
  return [
    {
      match: { persona: 'solutions-engineer' },
      reply: () => {
        seCalls += 1;
        return seCalls <= options.questions
          ? {
              json: {
                question: { key: `q${seCalls}`, text: `Question ${seCalls}?`, options: ['one', 'two'] },
                spec: null,
              },
            }
          : {
              json: {
                question: null,
                spec: `# Spec (draft ${seCalls})\n\n- R1: a keyspace\n- R2: customer-managed encryption\n`,
              },
            };
      },
    },
    {
      match: { persona: 'architect' },
      reply: () => ({
        json: review(verdicts[Math.min(architectCalls++, verdicts.length - 1)], 'ARC', MARKERS.architect),
        latencyMs: options.reviewLatencyMs,
      }),
    },
    {
      match: { persona: 'security-engineer' },
      reply: () => ({
        json: review('APPROVE WITH CHANGES', 'SEC', MARKERS.security),
        latencyMs: options.reviewLatencyMs,
      }),
    },
    {
      match: { persona: 'iac-engineer' },
      reply: (request) => {
        const text = bodyText(request);
        if (text.includes('Plan the ')) {
          return {
            json: {
              plan: '# Plan\n\nTwo tasks.',
              tasks: [
                { id: 'T1', title: 'XRD', requirements: ['R1'], files: ['definition.yaml'] },
                {
                  id: 'T2',
                  title: 'Composition and example',
                  requirements: ['R1', 'R2'],
                  files: ['composition.yaml', 'examples/xr.yaml'],
                },
              ],
            },
          };
        }
        if (text.includes('Implement task T1'))
          return {
            json: {
              files: [{ path: 'definition.yaml', content: 'kind: CompositeResourceDefinition' }],
              notes: '',
            },
          };
        return {
          json: {
            files: [
              { path: 'composition.yaml', content: 'kind: Composition' },
              { path: 'examples/xr.yaml', content: 'kind: XKeyspace' },
            ],
            notes: '',
          },
        };
      },
    },
  ];
}
