import {
  COMPLIANCE_FRAMEWORKS,
  ContextSchema,
  EnvironmentSchema,
  type Environment,
  type IacTool,
} from '../constraints/schema.js';
import type { SetupAnswers } from './answers-schema.js';
import { applyContextAnswers, type ContextAndTags } from './apply-context.js';
import { crossplaneQuestions, resilienceQuestions } from './resilience-questions.js';
import { checkAwsRegion } from './aws-regions.js';
import { checkNamingPlaceholders } from './naming-placeholders.js';
import { fromSchema, splitCommaList, splitList, type Choice, type Question } from './question.js';
import { newTagQuestions } from './tag-questions.js';

const FRAMEWORK_NAMES: Record<string, string> = {
  soc2: 'SOC 2',
  hipaa: 'HIPAA',
  'pci-dss': 'PCI-DSS',
  iso27001: 'ISO 27001',
  'nist-800-53': 'NIST 800-53',
  cis: 'CIS Benchmarks',
  fedramp: 'FedRAMP',
};

const TOPOLOGIES: Choice[] = [
  {
    value: 'private-subnets-with-nat',
    name: 'private subnets, internet only through NAT',
    description: 'the usual choice',
  },
  { value: 'public-and-private-subnets', name: 'public subnets for load balancers, private for the rest' },
  { value: 'private-no-egress', name: 'private subnets with no internet egress (VPC endpoints only)' },
  { value: 'shared-vpc', name: 'a shared VPC owned by the network team' },
];

const PROTECTIONS = [
  { value: 'multiAz', name: 'multi-AZ' },
  { value: 'backups', name: 'automated backups' },
  { value: 'pointInTimeRecovery', name: 'point-in-time recovery' },
  { value: 'deletionProtection', name: 'deletion protection' },
  { value: 'versioning', name: 'object versioning' },
  { value: 'publicAccess', name: 'public access ALLOWED (leave unticked to forbid)' },
] as const;

/** The environments the answers so far lead to (answered, else current). */
function environmentsNow(current: ContextAndTags, answers: SetupAnswers, iac: IacTool): Environment[] {
  return (applyContextAnswers(current, answers, iac).context as { environments: Environment[] }).environments;
}

function setEnvironment(
  answers: SetupAnswers,
  environments: Environment[],
  name: string,
  fields: Partial<Environment>,
): SetupAnswers {
  return {
    ...answers,
    environments: environments.map((environment) =>
      environment.name === name ? { ...environment, ...fields } : environment,
    ),
  };
}

/**
 * The `infrakit setup` interview for context.md and tagging-standard.md, given the answers so far.
 * Questions about each environment and each new tag appear once the list is answered.
 */
export function contextQuestions(
  current: ContextAndTags,
  answers: SetupAnswers,
  iac: IacTool,
): Array<Question<SetupAnswers>> {
  const { context, tagging } = current;
  const environments = environmentsNow(current, answers, iac);
  const questions: Array<Question<SetupAnswers>> = [
    {
      kind: 'select',
      id: 'provider',
      message: 'Cloud provider',
      choices: [{ value: 'aws', name: 'AWS', description: 'the only provider supported today' }],
      default: context.provider,
      apply: (state, value) => ({ ...state, provider: value as 'aws' }),
    },
    {
      kind: 'input',
      id: 'region',
      message: 'Default region',
      default: context.region,
      validate: (value) => {
        const format = fromSchema((text) => ContextSchema.shape.region.safeParse(text))(value);
        return format === true ? checkAwsRegion(value.trim()) : format;
      },
      apply: (state, value) => ({ ...state, region: value.trim() }),
    },
    {
      kind: 'input',
      id: 'naming',
      message: 'Naming pattern for resources ({env}, {team}, {resource}, ...)',
      default: context.naming.pattern,
      validate: (value) => {
        const format = fromSchema((text) => ContextSchema.shape.naming.shape.pattern.safeParse(text))(value);
        return format === true ? checkNamingPlaceholders(value.trim()) : format;
      },
      apply: (state, value) => ({ ...state, naming: value.trim() }),
    },
    {
      kind: 'input',
      id: 'environments',
      message: 'Environments, from least to most strict (comma-separated)',
      default: context.environments.map((environment) => environment.name).join(', '),
      validate: (value) => {
        const names = splitList(value);
        if (names.length === 0) return 'expected at least one environment';
        const bad = names.find((name) => !EnvironmentSchema.shape.name.safeParse(name).success);
        if (bad) return `"${bad}": expected a lowercase name such as dev, staging or prod`;
        return new Set(names).size === names.length ? true : 'expected unique environment names';
      },
      apply: (state, value) => ({ ...state, environments: splitList(value) }),
    },
  ];
  for (const environment of environments) {
    questions.push(
      {
        kind: 'select',
        id: `environments[${environment.name}].encryptionAtRest`,
        message: `${environment.name}: encryption at rest`,
        choices: [
          { value: 'customer-managed', name: 'customer-managed KMS key (we own the key and its rotation)' },
          { value: 'provider-managed', name: 'AWS-managed key' },
          { value: 'none', name: 'none (not allowed for data stores by the checks)' },
        ],
        default: environment.encryptionAtRest,
        apply: (state, value) =>
          setEnvironment(state, environmentsNow(current, state, iac), environment.name, {
            encryptionAtRest: value as Environment['encryptionAtRest'],
          }),
      },
      {
        kind: 'checkbox',
        id: `environments[${environment.name}].protections`,
        message: `${environment.name}: what must every resource have?`,
        choices: PROTECTIONS.map((protection) => ({ ...protection, checked: environment[protection.value] })),
        apply: (state, values) =>
          setEnvironment(
            state,
            environmentsNow(current, state, iac),
            environment.name,
            Object.fromEntries(
              PROTECTIONS.map((protection) => [protection.value, values.includes(protection.value)]),
            ),
          ),
      },
    );
  }
  questions.push(
    {
      kind: 'checkbox',
      id: 'compliance',
      message: 'Compliance frameworks in scope',
      choices: COMPLIANCE_FRAMEWORKS.map((framework) => ({
        value: framework,
        name: FRAMEWORK_NAMES[framework] ?? framework,
        checked: context.compliance.includes(framework),
      })),
      apply: (state, values) => ({ ...state, compliance: values as SetupAnswers['compliance'] }),
    },
    {
      kind: 'select',
      id: 'network.topology',
      message: 'Network topology',
      choices:
        TOPOLOGIES.some((choice) => choice.value === context.network?.topology) || !context.network?.topology
          ? TOPOLOGIES
          : [
              { value: context.network.topology, name: `${context.network.topology} (current)` },
              ...TOPOLOGIES,
            ],
      default: context.network?.topology ?? 'private-subnets-with-nat',
      apply: (state, value) => ({ ...state, network: { ...state.network, topology: value } }),
    },
    {
      kind: 'confirm',
      id: 'network.privateOnly',
      message: 'Data stores never get a public endpoint, in any environment?',
      default: context.network?.privateOnly ?? true,
      apply: (state, value) => ({ ...state, network: { ...state.network, privateOnly: value } }),
    },
    ...resilienceQuestions(current),
    ...(iac === 'crossplane' ? crossplaneQuestions(current) : []),
    {
      kind: 'input',
      id: 'tags',
      message: 'Mandatory tags on every resource (comma-separated keys)',
      default: tagging.tags.map((tag) => tag.key).join(', '),
      // Tag keys may hold spaces ("Cost Center"), so only commas separate them.
      validate: (value) => (splitCommaList(value).length ? true : 'expected at least one tag'),
      apply: (state, value) => ({ ...state, tags: splitCommaList(value) }),
    },
  );
  const answeredKeys = (answers.tags ?? []).map((tag) => (typeof tag === 'string' ? tag : tag.key));
  for (const key of answeredKeys.filter((name) => !tagging.tags.some((tag) => tag.key === name))) {
    questions.push(...newTagQuestions(key, current, answers, iac));
  }
  return questions;
}
