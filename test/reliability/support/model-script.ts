import type { MockReply, MockRule, RecordedRequest } from '../../support/mock-model-server.js';

/** The structured output a request asks for (the forced tool's name on the Anthropic wire). */
export function outputName(request: RecordedRequest): string | undefined {
  const choice = request.body?.tool_choice as { type?: string; name?: string } | undefined;
  return choice?.type === 'tool' ? choice.name : undefined;
}

const asked = (request: RecordedRequest) =>
  JSON.stringify(request.body?.messages ?? '').includes('replication');

/** A model call the pipeline makes in a full run, named so a fault can target exactly it. */
export interface CallPoint {
  persona: string;
  /** The command that makes this call. */
  stage: 'new' | 'plan' | 'implement';
  /** What distinguishes this call from the persona's other calls. */
  label: string;
  matches(request: RecordedRequest): boolean;
}

const taskCall = (task: string) => (request: RecordedRequest) =>
  outputName(request) === 'code' &&
  JSON.stringify(request.body?.messages ?? '').includes(`Implement task ${task}`);

/** Every model call of new → plan → implement with the happy script: 7 calls. */
export const CALL_POINTS: CallPoint[] = [
  { persona: 'solutions-engineer', stage: 'new', label: 'question', matches: (request) => !asked(request) },
  { persona: 'solutions-engineer', stage: 'new', label: 'spec', matches: asked },
  { persona: 'architect', stage: 'new', label: 'review', matches: () => true },
  { persona: 'security-engineer', stage: 'new', label: 'review', matches: () => true },
  {
    persona: 'iac-engineer',
    stage: 'plan',
    label: 'plan',
    matches: (request) => outputName(request) === 'plan',
  },
  { persona: 'iac-engineer', stage: 'implement', label: 'code T1', matches: taskCall('T1') },
  { persona: 'iac-engineer', stage: 'implement', label: 'code T2', matches: taskCall('T2') },
];

/** The code files of the happy run, relative to the output folder, with their content. */
export const CODE_FILES: Record<string, Array<{ path: string; content: string }>> = {
  T1: [
    {
      path: 'definition.yaml',
      content: 'apiVersion: apiextensions.crossplane.io/v2\nkind: CompositeResourceDefinition\n',
    },
  ],
  T2: [
    { path: 'composition.yaml', content: 'apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\n' },
    { path: 'examples/xr.yaml', content: 'apiVersion: platform.example.com/v1alpha1\nkind: XKeyspace\n' },
  ],
};

/** The happy answer of each persona, chosen from what the request asks (so resumed runs get the same answers). */
export function happyReply(request: RecordedRequest): MockReply {
  switch (request.persona) {
    case 'solutions-engineer':
      return asked(request)
        ? { json: { question: null, spec: '# Spec\n\n- R1: a keyspace\n- R2: replication factor 3\n' } }
        : {
            json: {
              question: { key: 'replication', text: 'Which replication factor?', options: ['3', '5'] },
              spec: null,
            },
          };
    case 'architect':
    case 'security-engineer':
      return { json: { verdict: 'APPROVE', summary: `${request.persona} approves`, findings: [] } };
    case 'iac-engineer': {
      if (outputName(request) === 'plan') {
        return {
          json: {
            plan: '# Plan\n\nBuild the keyspace.\n',
            tasks: [
              { id: 'T1', title: 'XRD', requirements: ['R1'], files: ['definition.yaml'] },
              {
                id: 'T2',
                title: 'Composition',
                requirements: ['R1', 'R2'],
                files: ['composition.yaml', 'examples/xr.yaml'],
              },
            ],
          },
        };
      }
      const task = taskCall('T1')(request) ? 'T1' : 'T2';
      return { json: { files: CODE_FILES[task], notes: '' } };
    }
    default:
      return { text: `no script for persona ${request.persona ?? '(none)'}` };
  }
}

/** The happy script as one catch-all rule (put fault rules before it). */
export const happyRule: MockRule = { reply: (request) => happyReply(request) };

/** The happy script with `override` answering the calls it matches first (`times` bounds it). */
export function scriptWith(override: MockRule[]): MockRule[] {
  return [...override, happyRule];
}

/** The happy script, with every code answer of the IaC Engineer replaced by `files`. */
export function scriptWithCode(files: Array<{ path: string; content: string }>): MockRule[] {
  return scriptWith([
    {
      match: { persona: 'iac-engineer', predicate: (request) => outputName(request) === 'code' },
      reply: { json: { files, notes: '' } },
    },
  ]);
}
