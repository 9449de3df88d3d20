import { z } from 'zod';
import type { ToolDefinition } from '../../providers/types.js';
import { SchemaStore, type StoreOptions } from './store.js';
import { describeField, describeResource, listResourceTypes } from './describe.js';

/** A tool the IaC Engineer may call, and how to run it (the answer is JSON text for the model). */
export interface LookupTool {
  definition: ToolDefinition;
  run(input: unknown): Promise<string>;
}

const ListInput = z.object({
  query: z
    .string()
    .min(1)
    .describe('words to find in a group, kind or type, e.g. "keyspace table" or "s3 bucket"'),
});
const ResourceInput = z.object({
  apiVersion: z
    .string()
    .min(1)
    .describe(
      'apiVersion such as keyspaces.aws.m.upbound.io/v1beta1, or a CloudFormation/Terraform type such as AWS::S3::Bucket or aws_s3_bucket',
    ),
  kind: z
    .string()
    .optional()
    .describe('the kind, for Kubernetes/Crossplane resources (omit for CloudFormation/Terraform)'),
});
const FieldInput = ResourceInput.extend({
  path: z
    .string()
    .min(1)
    .describe(
      'dotted field path, e.g. spec.forProvider.pointInTimeRecovery or VersioningConfiguration.Status',
    ),
});

const answer = (value: unknown) => JSON.stringify(value, null, 1);
const parseInput = <T>(schema: z.ZodType<T>, input: unknown): T | string => {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? parsed.data
    : `invalid input: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`;
};

/** The schema lookups offered to the IaC Engineer during plan and implement. */
export async function createLookupTools(
  projectRoot: string,
  options: StoreOptions & { store?: SchemaStore } = {},
): Promise<LookupTool[]> {
  const store = options.store ?? (await SchemaStore.open(projectRoot, options));
  return [
    {
      definition: {
        name: 'list_resource_types',
        description:
          'Search the imported provider schemas for resource types. Returns apiVersion/kind (or type), scope, served versions and source. Use before writing any resource.',
        parameters: ListInput,
      },
      async run(input) {
        const parsed = parseInput(ListInput, input);
        if (typeof parsed === 'string') return answer({ error: parsed });
        const matches = await listResourceTypes(store, parsed.query, 25);
        return answer(
          matches.length ? matches : { matches: [], hint: 'no type matches; try fewer or other words' },
        );
      },
    },
    {
      definition: {
        name: 'describe_resource',
        description:
          "Describe one resource type from the provider's own schema: served versions, required fields, and the fields you may set at its top level (spec.forProvider for Crossplane managed resources).",
        parameters: ResourceInput,
      },
      async run(input) {
        const parsed = parseInput(ResourceInput, input);
        if (typeof parsed === 'string') return answer({ error: parsed });
        return answer(await describeResource(store, parsed.apiVersion, parsed.kind));
      },
    },
    {
      definition: {
        name: 'describe_field',
        description:
          'Describe one field by dotted path: its type (object, array, scalar, enum values), whether it is required, its description, and its child fields.',
        parameters: FieldInput,
      },
      async run(input) {
        const parsed = parseInput(FieldInput, input);
        if (typeof parsed === 'string') return answer({ error: parsed });
        return answer(await describeField(store, parsed.apiVersion, parsed.kind, parsed.path));
      },
    },
  ];
}
