import { z } from 'zod';

/**
 * The machine-readable front matter of the three constraint files. These zod schemas are the single
 * source of the constraint types; the markdown body under each front matter is for people and personas.
 */

const describeInput = (input: unknown): string => {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  return JSON.stringify(input);
};

/** A zod error callback that reads `expected X, got Y`. */
export const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    `expected ${what}, got ${describeInput(issue.input)}`;

/** The IaC tools infrakit generates code for. */
export const IAC_TOOLS = ['crossplane', 'terraform', 'cloudformation'] as const;
/** One of IAC_TOOLS. */
export const IacToolSchema = z.enum(IAC_TOOLS, {
  error: expected('one of crossplane, terraform, cloudformation'),
});
/** An IaC tool name. */
export type IacTool = z.infer<typeof IacToolSchema>;

/** Compliance frameworks a project can put in scope. */
export const COMPLIANCE_FRAMEWORKS = [
  'soc2',
  'hipaa',
  'pci-dss',
  'iso27001',
  'nist-800-53',
  'cis',
  'fedramp',
] as const;
/** One of COMPLIANCE_FRAMEWORKS. */
export const ComplianceFrameworkSchema = z.enum(COMPLIANCE_FRAMEWORKS, {
  error: expected(`one of ${COMPLIANCE_FRAMEWORKS.join(', ')}`),
});
/** A compliance framework id. */
export type ComplianceFramework = z.infer<typeof ComplianceFrameworkSchema>;

/** Which key protects data at rest in an environment. */
export const EncryptionAtRestSchema = z.enum(['none', 'provider-managed', 'customer-managed'], {
  error: expected('one of none, provider-managed, customer-managed'),
});

/** One environment and the security baseline that applies in it. */
export const EnvironmentSchema = z.object(
  {
    name: z
      .string({ error: expected('an environment name such as dev or prod') })
      .regex(/^[a-z][a-z0-9-]*$/, { error: expected('a lowercase name such as dev, staging or prod') }),
    /** 1 = least strict. The strictest environment applies when a resource's environment is unknown. */
    strictness: z
      .number({ error: expected('a number (1 = least strict)') })
      .int({ error: expected('a whole number from 1 to 10') })
      .min(1, { error: expected('a whole number from 1 to 10') })
      .max(10, { error: expected('a whole number from 1 to 10') })
      .optional(),
    encryptionAtRest: EncryptionAtRestSchema.default('provider-managed'),
    publicAccess: z.boolean({ error: expected('true or false') }).default(false),
    multiAz: z.boolean({ error: expected('true or false') }).default(false),
    backups: z.boolean({ error: expected('true or false') }).default(false),
    pointInTimeRecovery: z.boolean({ error: expected('true or false') }).default(false),
    deletionProtection: z.boolean({ error: expected('true or false') }).default(false),
    versioning: z.boolean({ error: expected('true or false') }).default(false),
  },
  { error: expected('an environment object with at least a name') },
);
/** An environment with its baseline (defaults applied). */
export type Environment = z.infer<typeof EnvironmentSchema>;

/** The front matter of .infrakit/context.md. */
export const ContextSchema = z.object(
  {
    provider: z.enum(['aws'], { error: expected('aws (the only provider supported today)') }),
    region: z.string({ error: expected('a region such as us-east-1') }).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
      error: expected('a region such as us-east-1'),
    }),
    naming: z.object(
      {
        pattern: z
          .string({ error: expected('a pattern such as {env}-{team}-{resource}') })
          .refine((value) => /\{[a-z]+\}/.test(value), {
            error: 'expected at least one {placeholder}, e.g. {env}-{team}-{resource}',
          }),
        case: z
          .enum(['kebab', 'snake', 'camel'], { error: expected('kebab, snake or camel') })
          .default('kebab'),
      },
      { error: expected('an object with a pattern, e.g. { pattern: "{env}-{team}-{resource}" }') },
    ),
    environments: z
      .array(EnvironmentSchema, { error: expected('a list of environments') })
      .min(1, { error: 'expected at least one environment' })
      .refine((list) => new Set(list.map((environment) => environment.name)).size === list.length, {
        error: 'expected unique environment names',
      }),
    compliance: z
      .array(ComplianceFrameworkSchema, {
        error: expected('a list of compliance frameworks, e.g. [soc2, pci-dss]'),
      })
      .default([]),
    network: z
      .object(
        {
          topology: z.string({ error: expected('a topology such as private-subnets-with-nat') }).optional(),
          privateOnly: z.boolean({ error: expected('true or false') }).optional(),
        },
        { error: expected('an object such as { topology: private-subnets-with-nat, privateOnly: true }') },
      )
      .optional(),
    resilience: z
      .object(
        {
          rpoMinutes: z
            .number({ error: expected('a number of minutes') })
            .nonnegative({ error: expected('0 or more minutes') })
            .optional(),
          rtoMinutes: z
            .number({ error: expected('a number of minutes') })
            .nonnegative({ error: expected('0 or more minutes') })
            .optional(),
          multiRegion: z.boolean({ error: expected('true or false') }).optional(),
        },
        { error: expected('an object such as { rpoMinutes: 15, rtoMinutes: 60, multiRegion: false }') },
      )
      .optional(),
    crossplane: z
      .object({
        version: z.enum(['v1', 'v2'], { error: expected('v1 or v2') }).default('v2'),
        apiGroup: z
          .string({ error: expected('an API group such as platform.acme.com') })
          .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
            error: expected('a DNS-style API group such as platform.acme.com'),
          }),
      })
      .optional(),
  },
  { error: expected('YAML front matter with provider, region, naming and environments') },
);
/** Parsed context.md front matter. */
export type Context = z.infer<typeof ContextSchema>;

/** The front matter of .infrakit/coding-style.md. */
export const CodingStyleSchema = z.object(
  {
    iac: IacToolSchema,
    versionPinning: z
      .enum(['exact', 'pessimistic', 'minimum'], { error: expected('exact, pessimistic or minimum') })
      .default('pessimistic'),
    terraform: z
      .object({
        requiredVersion: z.string().default('>= 1.6'),
        awsProviderVersion: z.string().default('~> 5.0'),
        backend: z
          .object({ type: z.string(), config: z.record(z.string(), z.unknown()).default({}) })
          .optional(),
      })
      .optional(),
    layout: z
      .object({
        outputDir: z
          .string({ error: expected('a relative folder such as compositions') })
          .default('compositions'),
        files: z.array(z.string()).optional(),
      })
      .default({ outputDir: 'compositions' }),
    validator: z.enum(['crossplane-render', 'tofu-validate', 'terraform-validate', 'cfn-lint'], {
      error: expected('crossplane-render, tofu-validate, terraform-validate or cfn-lint'),
    }),
    composition: z
      .object({
        mode: z
          .enum(['Pipeline', 'Resources'], { error: expected('Pipeline (Resources is legacy)') })
          .default('Pipeline'),
        function: z.string().default('function-go-templating'),
        functionVersion: z.string().default('v0.12.2'),
      })
      .optional(),
    maxRepairRounds: z
      .number({ error: expected('a whole number from 0 to 10') })
      .int({ error: expected('a whole number from 0 to 10') })
      .min(0, { error: expected('a whole number from 0 to 10') })
      .max(10, { error: expected('a whole number from 0 to 10') })
      .default(2),
  },
  { error: expected('YAML front matter with iac and validator') },
);
/** Parsed coding-style.md front matter. */
export type CodingStyle = z.infer<typeof CodingStyleSchema>;

/** Where a mandatory tag's value comes from. */
export const TagSourceSchema = z.enum(['parameter', 'label', 'constant', 'variable'], {
  error: expected('parameter, label, constant or variable'),
});

/** One mandatory tag: its key, the source of its value, and allowed values. */
export const MandatoryTagSchema = z
  .object(
    {
      key: z.string({ error: expected('a tag key') }).min(1, { error: expected('a non-empty tag key') }),
      source: TagSourceSchema,
      /** The parameter path, label key or variable name the value comes from. */
      from: z.string({ error: expected('the parameter path, label key or variable name') }).optional(),
      /** The fixed value, for source: constant. */
      value: z.string({ error: expected('the fixed tag value as a string') }).optional(),
      allowed: z.array(z.string(), { error: expected('a list of allowed values') }).optional(),
      description: z.string({ error: expected('a description') }).optional(),
    },
    { error: expected('a tag object with key and source') },
  )
  .superRefine((tag, context) => {
    if (tag.source === 'constant' && tag.value === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'expected a value for a tag whose source is constant',
      });
    }
    if (tag.source !== 'constant' && tag.from === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['from'],
        message: `expected "from" (the ${tag.source} the value comes from)`,
      });
    }
  });
/** A parsed mandatory tag. */
export type MandatoryTag = z.infer<typeof MandatoryTagSchema>;

/** The front matter of .infrakit/tagging-standard.md. */
export const TaggingSchema = z.object(
  {
    tags: z
      .array(MandatoryTagSchema, { error: expected('a list of mandatory tags') })
      .min(1, { error: 'expected at least one mandatory tag' }),
  },
  { error: expected('YAML front matter with a tags list') },
);
/** Parsed tagging-standard.md front matter. */
export type Tagging = z.infer<typeof TaggingSchema>;

/** The three files, by their file name under .infrakit/. */
export const CONSTRAINT_FILES = {
  context: 'context.md',
  codingStyle: 'coding-style.md',
  tagging: 'tagging-standard.md',
} as const;
