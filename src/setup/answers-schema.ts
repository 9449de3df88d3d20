import { z } from 'zod';
import {
  CodingStyleSchema,
  ComplianceFrameworkSchema,
  ContextSchema,
  EncryptionAtRestSchema,
  EnvironmentSchema,
  TagSourceSchema,
  expected,
} from '../constraints/schema.js';
import { checkAwsRegion } from './aws-regions.js';
import { checkNamingPlaceholders } from './naming-placeholders.js';

/** A zod check from a `true | message` validator (the same ones the interactive questions use). */
const refineWith =
  (check: (value: string) => true | string) => (context: { value: string; issues: unknown[] }) => {
    const verdict = check(context.value);
    if (verdict !== true) context.issues.push({ code: 'custom', message: verdict, input: context.value });
  };

const flag = z.boolean({ error: expected('true or false') });
const minutes = z
  .number({ error: expected('a number of minutes') })
  .nonnegative({ error: expected('0 or more minutes') });

/** One environment in an answers file: a name (keeps or picks its baseline) or a name plus fields to set. */
export const EnvironmentAnswerSchema = z.union(
  [
    EnvironmentSchema.shape.name,
    z.strictObject({
      name: EnvironmentSchema.shape.name,
      strictness: EnvironmentSchema.shape.strictness,
      encryptionAtRest: EncryptionAtRestSchema.optional(),
      publicAccess: flag.optional(),
      multiAz: flag.optional(),
      backups: flag.optional(),
      pointInTimeRecovery: flag.optional(),
      deletionProtection: flag.optional(),
      versioning: flag.optional(),
    }),
  ],
  { error: expected('an environment name, or an object with a name and baseline fields') },
);
/** A parsed environment answer. */
export type EnvironmentAnswer = z.infer<typeof EnvironmentAnswerSchema>;

/** One mandatory tag in an answers file: a key (keeps or derives its source) or a full tag. */
export const TagAnswerSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({
      key: z.string().min(1),
      source: TagSourceSchema.optional(),
      from: z.string().optional(),
      value: z.string().optional(),
      allowed: z.array(z.string()).optional(),
      description: z.string().optional(),
    }),
  ],
  { error: expected('a tag key, or an object with key, source and from/value') },
);
/** A parsed tag answer. */
export type TagAnswer = z.infer<typeof TagAnswerSchema>;

/**
 * The keys of `infrakit setup --answers <file.yaml>` (docs/commands/setup.md). Every key is optional:
 * what is left out keeps its current value. Unknown keys are rejected so a typo is not silently ignored.
 */
export const SetupAnswersSchema = z
  .strictObject(
    {
      provider: ContextSchema.shape.provider.optional(),
      region: ContextSchema.shape.region.check(refineWith(checkAwsRegion)).optional(),
      naming: z
        .union([
          ContextSchema.shape.naming.shape.pattern,
          z.strictObject({
            pattern: ContextSchema.shape.naming.shape.pattern.optional(),
            case: ContextSchema.shape.naming.shape.case.optional(),
          }),
        ])
        .optional(),
      environments: z
        .array(EnvironmentAnswerSchema, { error: expected('a list of environments') })
        .min(1, { error: 'expected at least one environment' })
        .optional(),
      compliance: z
        .array(ComplianceFrameworkSchema, { error: expected('a list of compliance frameworks') })
        .optional(),
      network: z
        .strictObject(
          { topology: z.string().min(1).optional(), privateOnly: flag.optional() },
          { error: expected('an object') },
        )
        .optional(),
      resilience: z
        .strictObject(
          { rpoMinutes: minutes.optional(), rtoMinutes: minutes.optional(), multiRegion: flag.optional() },
          { error: expected('an object') },
        )
        .optional(),
      crossplane: z
        .strictObject(
          {
            version: z.enum(['v1', 'v2'], { error: expected('v1 or v2') }).optional(),
            apiGroup: z.string().optional(),
          },
          { error: expected('an object') },
        )
        .optional(),
      tags: z
        .array(TagAnswerSchema, { error: expected('a list of tags') })
        .min(1, { error: 'expected at least one tag' })
        .optional(),
    },
    { error: expected('a YAML mapping of answers') },
  )
  .superRefine((answers, context) => {
    const pattern = typeof answers.naming === 'string' ? answers.naming : answers.naming?.pattern;
    const verdict = pattern === undefined ? true : checkNamingPlaceholders(pattern);
    if (verdict !== true)
      context.addIssue({
        code: 'custom',
        message: verdict,
        path: typeof answers.naming === 'string' ? ['naming'] : ['naming', 'pattern'],
      });
  });
/** Parsed `infrakit setup` answers. */
export type SetupAnswers = z.infer<typeof SetupAnswersSchema>;

const codingShape = CodingStyleSchema.shape;

/** The keys of `infrakit setup-coding-style --answers <file.yaml>` (docs/commands/setup-coding-style.md). */
export const CodingStyleAnswersSchema = z.strictObject(
  {
    versionPinning: codingShape.versionPinning.optional(),
    outputDir: z
      .string({ error: expected('a relative folder such as compositions') })
      .min(1)
      .optional(),
    validator: codingShape.validator.optional(),
    maxRepairRounds: z
      .number({ error: expected('a whole number from 0 to 10') })
      .int()
      .min(0)
      .max(10)
      .optional(),
    terraform: z
      .strictObject({
        requiredVersion: z.string().optional(),
        awsProviderVersion: z.string().optional(),
        backend: z
          .strictObject({
            type: z.enum(['s3', 'local', 'none'], { error: expected('s3, local or none') }),
            bucket: z.string().optional(),
            key: z.string().optional(),
            region: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
    composition: z
      .strictObject({
        mode: z
          .enum(['Pipeline', 'Resources'], { error: expected('Pipeline (Resources is legacy)') })
          .optional(),
        function: z.string().optional(),
        functionVersion: z.string().optional(),
      })
      .optional(),
  },
  { error: expected('a YAML mapping of answers') },
);
/** Parsed `infrakit setup-coding-style` answers. */
export type CodingStyleAnswers = z.infer<typeof CodingStyleAnswersSchema>;
