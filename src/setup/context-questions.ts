import {
  COMPLIANCE_FRAMEWORKS,
  ContextSchema,
  EnvironmentSchema,
  type Environment,
  type IacTool,
  type MandatoryTag,
} from '../constraints/schema.js';
import type { SetupAnswers } from './answers-schema.js';
import { applyContextAnswers, type ContextAndTags } from './apply-context.js';
import { splitList, validateMinutes, type Choice, type Question } from './question.js';

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
  { value: 'private-subnets-with-nat', name: 'private subnets, internet only through NAT', description: 'the usual choice' },
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

const fromSchema =
  (check: (value: string) => { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  (value: string): true | string => {
    const result = check(value.trim());
    return result.success ? true : (result.error?.issues[0]?.message ?? 'invalid');
  };

/** The environments the answers so far lead to (answered, else current). */
function environmentsNow(current: ContextAndTags, answers: SetupAnswers, iac: IacTool): Environment[] {
  return (applyContextAnswers(current, answers, iac).context as { environments: Environment[] }).environments;
}

function setEnvironment(answers: SetupAnswers, environments: Environment[], name: string, fields: Partial<Environment>): SetupAnswers {
  return { ...answers, environments: environments.map((environment) => (environment.name === name ? { ...environment, ...fields } : environment)) };
}

/**
 * The `infrakit setup` interview for context.md and tagging-standard.md, given the answers so far.
 * Questions about each environment and each new tag appear once the list is answered.
 */
export function contextQuestions(current: ContextAndTags, answers: SetupAnswers, iac: IacTool): Array<Question<SetupAnswers>> {
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
      validate: fromSchema((value) => ContextSchema.shape.region.safeParse(value)),
      apply: (state, value) => ({ ...state, region: value.trim() }),
    },
    {
      kind: 'input',
      id: 'naming',
      message: 'Naming pattern for resources ({env}, {team}, {resource}, ...)',
      default: context.naming.pattern,
      validate: fromSchema((value) => ContextSchema.shape.naming.shape.pattern.safeParse(value)),
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
            Object.fromEntries(PROTECTIONS.map((protection) => [protection.value, values.includes(protection.value)])),
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
      choices: TOPOLOGIES.some((choice) => choice.value === context.network?.topology) || !context.network?.topology
        ? TOPOLOGIES
        : [{ value: context.network.topology, name: `${context.network.topology} (current)` }, ...TOPOLOGIES],
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
      validate: (value) => (splitList(value).length ? true : 'expected at least one tag'),
      apply: (state, value) => ({ ...state, tags: splitList(value) }),
    },
  );
  const answeredKeys = (answers.tags ?? []).map((tag) => (typeof tag === 'string' ? tag : tag.key));
  for (const key of answeredKeys.filter((name) => !tagging.tags.some((tag) => tag.key === name))) {
    questions.push(...newTagQuestions(key, current, answers, iac));
  }
  return questions;
}

function resilienceQuestions({ context }: ContextAndTags): Array<Question<SetupAnswers>> {
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

function crossplaneQuestions({ context }: ContextAndTags): Array<Question<SetupAnswers>> {
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
      apply: (state, value) => ({ ...state, crossplane: { ...state.crossplane, version: value as 'v1' | 'v2' } }),
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

function newTagQuestions(key: string, current: ContextAndTags, answers: SetupAnswers, iac: IacTool): Array<Question<SetupAnswers>> {
  const replaceTag = (state: SetupAnswers, fields: Partial<MandatoryTag>): SetupAnswers => ({
    ...state,
    tags: (state.tags ?? []).map((tag) => {
      const existing = typeof tag === 'string' ? { key: tag } : tag;
      return existing.key === key ? { ...existing, ...fields } : tag;
    }),
  });
  const sourceNow = (state: SetupAnswers) =>
    (applyContextAnswers(current, state, iac).tagging as { tags: MandatoryTag[] }).tags.find((tag) => tag.key === key);
  const sources: Choice[] =
    iac === 'terraform'
      ? [
          { value: 'variable', name: 'a module variable' },
          { value: 'constant', name: 'a fixed value' },
        ]
      : iac === 'cloudformation'
        ? [
            { value: 'parameter', name: 'a template parameter' },
            { value: 'constant', name: 'a fixed value' },
          ]
        : [
            { value: 'parameter', name: 'an XR parameter' },
            { value: 'label', name: 'a label on the XR' },
            { value: 'constant', name: 'a fixed value' },
          ];
  return [
    {
      kind: 'select',
      id: `tags[${key}].source`,
      message: `Tag "${key}": where does its value come from?`,
      choices: sources,
      default: sources[0].value,
      apply: (state, value) => replaceTag(state, { source: value as MandatoryTag['source'] }),
    },
    {
      kind: 'input',
      id: `tags[${key}].from`,
      message: `Tag "${key}": the parameter, label or variable (or the fixed value)`,
      default: sourceNow(answers)?.from ?? '',
      validate: (value) => (value.trim() ? true : 'expected a name or value'),
      apply: (state, value) => {
        const tag = sourceNow(state);
        return replaceTag(state, tag?.source === 'constant' ? { value: value.trim() } : { from: value.trim() });
      },
    },
  ];
}
