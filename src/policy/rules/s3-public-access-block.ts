import type { PolicyRule, Violation } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { companionsOf } from '../companions.js';
import { fullPath, lineOf } from '../resource-view.js';
import { readPath, truthOf } from '../values.js';

/** The four flags, in Terraform, CloudFormation and upjet spelling. */
export const PUBLIC_ACCESS_FLAGS = [
  { terraform: 'block_public_acls', cloudformation: 'BlockPublicAcls', crossplane: 'blockPublicAcls' },
  { terraform: 'block_public_policy', cloudformation: 'BlockPublicPolicy', crossplane: 'blockPublicPolicy' },
  { terraform: 'ignore_public_acls', cloudformation: 'IgnorePublicAcls', crossplane: 'ignorePublicAcls' },
  {
    terraform: 'restrict_public_buckets',
    cloudformation: 'RestrictPublicBuckets',
    crossplane: 'restrictPublicBuckets',
  },
] as const;

/** IK-PUB-001: every S3 bucket blocks public access with all four flags on. */
export const s3PublicAccessBlockRule: PolicyRule = {
  id: 'IK-PUB-001',
  title: 'S3 public access block not fully on',
  rationale:
    'Without all four block-public-access flags a single ACL or bucket policy can publish the data to the internet.',
  controls: [
    'SOC 2 CC6.1',
    'PCI-DSS 1.3',
    'NIST 800-53 AC-3',
    'NIST 800-53 SC-7',
    'CIS AWS Foundations v3.0 2.1.4',
  ],
  severity: requiredOrAdvice((environment) => !environment.publicAccess),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 's3-bucket') return [];
    const tool = view.resource.tool;
    const violations: Violation[] = [];
    if (tool === 'cloudformation') {
      const acl = view.arguments.AccessControl;
      if (typeof acl === 'string' && /^Public/.test(acl)) {
        violations.push({
          message: `AccessControl is ${acl}: the bucket is readable by anyone`,
          fieldPath: 'Properties.AccessControl',
          line: lineOf(view, 'AccessControl'),
          fix: 'Remove AccessControl (or set Private).',
        });
      }
      const block = readPath(view.arguments, 'PublicAccessBlockConfiguration');
      const off = PUBLIC_ACCESS_FLAGS.filter(
        (flag) => truthOf(readPath(block, flag.cloudformation)) === 'no',
      );
      if (off.length > 0) {
        violations.push({
          message:
            block === undefined
              ? 'PublicAccessBlockConfiguration is missing'
              : `public access block flags off: ${off.map((flag) => flag.cloudformation).join(', ')}`,
          fieldPath: fullPath(view, 'PublicAccessBlockConfiguration'),
          line: lineOf(view, 'PublicAccessBlockConfiguration'),
          fix: 'Set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true.',
          autofix: {
            kind: 'merge',
            path: ['PublicAccessBlockConfiguration'],
            values: Object.fromEntries(PUBLIC_ACCESS_FLAGS.map((flag) => [flag.cloudformation, true])),
          },
        });
      }
      return violations;
    }
    if (
      tool === 'terraform' &&
      truthOf(view.arguments.acl) !== 'unknown' &&
      typeof view.arguments.acl === 'string' &&
      /^public/.test(view.arguments.acl)
    ) {
      violations.push({
        message: `acl is ${view.arguments.acl}: the bucket is readable by anyone`,
        fieldPath: 'acl',
        line: lineOf(view, 'acl'),
        fix: 'Remove acl (or set private).',
      });
    }
    const blocks = companionsOf(view, context, 's3-public-access-block');
    const kind = tool === 'terraform' ? 'aws_s3_bucket_public_access_block' : 'BucketPublicAccessBlock';
    if (blocks.length === 0) {
      violations.push({
        message: `no ${kind} for this bucket`,
        line: lineOf(view),
        fix: `Add a ${kind} for the bucket with the four flags set to true.`,
      });
    }
    for (const block of blocks) {
      const names = PUBLIC_ACCESS_FLAGS.map((flag) =>
        tool === 'terraform' ? flag.terraform : flag.crossplane,
      );
      const off = names.filter((name) => truthOf(block.arguments[name]) === 'no');
      if (off.length === 0) continue;
      violations.push({
        message: `${kind} ${block.resource.name} leaves ${off.join(', ')} off`,
        fieldPath: fullPath(block, off[0]),
        line: lineOf(block, off[0]),
        fix: `Set ${off.join(', ')} to true.`,
        autofix: { kind: 'merge', path: [], values: Object.fromEntries(off.map((name) => [name, true])) },
        autofixTarget: block.resource,
      });
    }
    return violations;
  },
};
