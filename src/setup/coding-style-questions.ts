import type { CodingStyle, IacTool } from '../constraints/schema.js';
import type { CodingStyleAnswers } from './answers-schema.js';
import type { Choice, Question } from './question.js';

const VALIDATORS: Record<IacTool, Choice[]> = {
  crossplane: [{ value: 'crossplane-render', name: 'crossplane render + crossplane beta validate' }],
  terraform: [
    { value: 'tofu-validate', name: 'tofu fmt -check + tofu validate (OpenTofu)' },
    { value: 'terraform-validate', name: 'terraform fmt -check + terraform validate' },
  ],
  cloudformation: [{ value: 'cfn-lint', name: 'cfn-lint' }],
};

const nonEmpty = (value: string): true | string => (value.trim() ? true : 'expected a value');

/** The `infrakit setup-coding-style` interview, given the answers so far. */
export function codingStyleQuestions(
  current: CodingStyle,
  answers: CodingStyleAnswers,
): Array<Question<CodingStyleAnswers>> {
  const questions: Array<Question<CodingStyleAnswers>> = [
    {
      kind: 'select',
      id: 'versionPinning',
      message: 'How are provider and tool versions pinned?',
      choices: [
        { value: 'exact', name: 'exact (1.2.3): upgrades are their own change' },
        { value: 'pessimistic', name: 'pessimistic (~> 1.2): patch and minor updates allowed' },
        { value: 'minimum', name: 'minimum (>= 1.2): anything newer' },
      ],
      default: current.versionPinning,
      apply: (state, value) => ({ ...state, versionPinning: value as CodingStyle['versionPinning'] }),
    },
    {
      kind: 'input',
      id: 'outputDir',
      message: 'Folder for generated code (relative to the project root)',
      default: current.layout.outputDir,
      validate: (value) =>
        /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/.test(value.trim())
          ? true
          : 'expected a relative folder such as compositions',
      apply: (state, value) => ({ ...state, outputDir: value.trim().replace(/\/+$/, '') }),
    },
    {
      kind: 'select',
      id: 'validator',
      message: 'Validator that must pass before a track is done',
      choices: VALIDATORS[current.iac],
      default: current.validator,
      apply: (state, value) => ({ ...state, validator: value as CodingStyle['validator'] }),
    },
  ];
  if (current.iac === 'terraform') questions.push(...terraformQuestions(current, answers));
  if (current.iac === 'crossplane') {
    questions.push({
      kind: 'input',
      id: 'composition.functionVersion',
      message: 'function-go-templating version (compositions run in Pipeline mode)',
      default: current.composition?.functionVersion ?? 'v0.12.2',
      validate: (value) =>
        /^v\d+\.\d+\.\d+$/.test(value.trim()) ? true : 'expected a version such as v0.12.2',
      apply: (state, value) => ({
        ...state,
        composition: {
          ...state.composition,
          mode: 'Pipeline',
          function: 'function-go-templating',
          functionVersion: value.trim(),
        },
      }),
    });
  }
  questions.push({
    kind: 'input',
    id: 'maxRepairRounds',
    message: 'Repair rounds allowed after a validator failure before the track is blocked',
    default: String(current.maxRepairRounds),
    validate: (value) => (/^(10|\d)$/.test(value.trim()) ? true : 'expected a whole number from 0 to 10'),
    apply: (state, value) => ({ ...state, maxRepairRounds: Number(value) }),
  });
  return questions;
}

function terraformQuestions(
  current: CodingStyle,
  answers: CodingStyleAnswers,
): Array<Question<CodingStyleAnswers>> {
  const backend = current.terraform?.backend;
  const chosen = answers.terraform?.backend?.type ?? backend?.type ?? 'none';
  const setTerraform = (state: CodingStyleAnswers, fields: NonNullable<CodingStyleAnswers['terraform']>) => ({
    ...state,
    terraform: { ...state.terraform, ...fields },
  });
  const questions: Array<Question<CodingStyleAnswers>> = [
    {
      kind: 'input',
      id: 'terraform.requiredVersion',
      message: 'Terraform/OpenTofu version constraint (required_version)',
      default: current.terraform?.requiredVersion ?? '>= 1.6',
      validate: nonEmpty,
      apply: (state, value) => setTerraform(state, { requiredVersion: value.trim() }),
    },
    {
      kind: 'input',
      id: 'terraform.awsProviderVersion',
      message: 'AWS provider version constraint',
      default: current.terraform?.awsProviderVersion ?? '~> 6.0',
      validate: nonEmpty,
      apply: (state, value) => setTerraform(state, { awsProviderVersion: value.trim() }),
    },
    {
      kind: 'select',
      id: 'terraform.backend.type',
      message: 'State backend for root configurations',
      choices: [
        { value: 's3', name: 'S3 with native locking (encrypted)' },
        { value: 'local', name: 'local file (experiments only)' },
        { value: 'none', name: 'not managed by infrakit' },
      ],
      default: backend?.type === 's3' || backend?.type === 'local' ? backend.type : 'none',
      apply: (state, value) =>
        setTerraform(state, {
          backend: { ...state.terraform?.backend, type: value as 's3' | 'local' | 'none' },
        }),
    },
  ];
  if (chosen === 's3') {
    const config = (backend?.type === 's3' ? backend.config : {}) as Record<string, unknown>;
    questions.push({
      kind: 'input',
      id: 'terraform.backend.bucket',
      message: 'S3 bucket for state ({env} is replaced per environment)',
      default: typeof config.bucket === 'string' ? config.bucket : '{env}-platform-terraform-state',
      validate: nonEmpty,
      apply: (state, value) =>
        setTerraform(state, { backend: { type: 's3', ...state.terraform?.backend, bucket: value.trim() } }),
    });
  }
  return questions;
}
