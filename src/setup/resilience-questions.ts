import { ContextSchema } from '../constraints/schema.js';
import type { SetupAnswers } from './answers-schema.js';
import type { ContextAndTags } from './apply-context.js';
import { fromSchema, validateMinutes, type Question } from './question.js';

/** RPO, RTO and multi-region: the DR/HA questions of \`infrakit setup\`. */
export function resilienceQuestions({ context }: ContextAndTags): Array<Question<SetupAnswers>> {
  return [
    {
      kind: 'input',
      id: 'resilience.rpoMinutes',
      message: 'Production RPO: the most data you accept to lose, in minutes',
      default: String(context.resilience?.rpoMinutes ?? 15),
      validate: validateMinutes,
      apply: (state, value) => ({ ...state, resilience: { ...state.resilience, rpoMinutes: Number(value) } }),
    },
    {
      kind: 'input',
      id: 'resilience.rtoMinutes',
      message: 'Production RTO: the longest you accept to be down, in minutes',
      default: String(context.resilience?.rtoMinutes ?? 60),
      validate: validateMinutes,
      apply: (state, value) => ({ ...state, resilience: { ...state.resilience, rtoMinutes: Number(value) } }),
    },
    {
      kind: 'confirm',
      id: 'resilience.multiRegion',
      message: 'Does production need a second region (disaster recovery)?',
      default: context.resilience?.multiRegion ?? false,
      apply: (state, value) => ({ ...state, resilience: { ...state.resilience, multiRegion: value } }),
    },
  ];
}

/** The Crossplane model and API group, asked only in Crossplane projects. */
export function crossplaneQuestions({ context }: ContextAndTags): Array<Question<SetupAnswers>> {
  return [
    {
      kind: 'select',
      id: 'crossplane.version',
      message: 'Crossplane model',
      choices: [
        { value: 'v2', name: 'v2: namespaced XRs, no claims (current)' },
        { value: 'v1', name: 'v1: cluster-scoped XRs with claims (legacy)' },
      ],
      default: context.crossplane?.version ?? 'v2',
      apply: (state, value) => ({
        ...state,
        crossplane: { ...state.crossplane, version: value as 'v1' | 'v2' },
      }),
    },
    {
      kind: 'input',
      id: 'crossplane.apiGroup',
      message: 'API group for your composite resources',
      default: context.crossplane?.apiGroup ?? 'platform.example.com',
      validate: fromSchema((value) =>
        ContextSchema.shape.crossplane.unwrap().shape.apiGroup.safeParse(value),
      ),
      apply: (state, value) => ({ ...state, crossplane: { ...state.crossplane, apiGroup: value.trim() } }),
    },
  ];
}
