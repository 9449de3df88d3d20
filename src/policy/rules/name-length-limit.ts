import { cannotSee } from '../cannot-see.js';
import { longestValue } from '../longest-value.js';
import type { PolicyRule } from '../rule.js';
import { fullPath, lineOf, readField, type FieldNames } from '../resource-view.js';

/** AWS name limits the API enforces at create time. */
const LIMITS: Record<string, { names: FieldNames; limit: number; what: string }> = {
  's3-bucket': {
    names: { terraform: 'bucket', cloudformation: 'BucketName' },
    limit: 63,
    what: 'an S3 bucket name',
  },
  'iam-role': {
    names: { terraform: 'name', cloudformation: 'RoleName' },
    limit: 64,
    what: 'an IAM role name',
  },
};

/**
 * IK-LIMIT-001: a name built from inputs cannot exceed the AWS limit (S3 bucket 63 characters, IAM
 * role 64). The longest value is computed from each input's allowed values, length bounds or
 * pattern; a part with no bound is reported as cannot-see.
 */
export const nameLengthLimitRule: PolicyRule = {
  id: 'IK-LIMIT-001',
  title: 'Name can exceed the AWS length limit',
  rationale:
    'A bucket name over 63 characters or a role name over 64 is refused by the API at create time: the plan or change set looks fine and the deploy fails in the one environment with the longest names.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 SI-10', 'ISO 27001:2022 A.8.32'],
  severity: () => 'high',
  appliesTo: () => true,
  check(view, context) {
    const entry = view.entry ? LIMITS[view.entry.kind] : undefined;
    if (!entry) return [];
    const field = readField(view, entry.names);
    if (!field.path || field.value === undefined) return [];
    const longest = longestValue(field.value, context.parsed);
    if (!longest) return [];
    const where = { fieldPath: fullPath(view, field.path), line: lineOf(view, field.path) };
    if (longest.kind === 'unbounded')
      return [
        cannotSee(
          `whether ${field.path} stays within ${entry.limit} characters`,
          longest.part,
          where,
          'Bound the inputs the name is built from (AllowedValues, MaxLength, AllowedPattern, or a length()/regex() validation).',
        ),
      ];
    if (longest.length <= entry.limit) return [];
    return [
      {
        ...where,
        message: `${field.path} can be ${longest.length} characters; ${entry.what} is at most ${entry.limit}`,
        fix: `Shorten the fixed parts or tighten the inputs' bounds so the longest name is at most ${entry.limit} characters.`,
      },
    ];
  },
};
