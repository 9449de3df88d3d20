import { isUnknownValue } from '../../iac/resource-model.js';
import { targetsBucket } from '../bucket-companions.js';
import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import { deniesInsecureTransport, readPolicy } from '../policy-documents.js';
import type { PolicyRule, RuleContext } from '../rule.js';
import { IN_TRANSIT_CONTROLS } from '../transit-controls.js';
import { lineOf, type ResourceView } from '../resource-view.js';

/** The bucket-policy resources of each tool: type (or upjet kind), bucket field and policy field. */
const POLICY_KINDS = {
  terraform: { type: 'aws_s3_bucket_policy', bucket: 'bucket', policy: 'policy' },
  cloudformation: { type: 'AWS::S3::BucketPolicy', bucket: 'Bucket', policy: 'PolicyDocument' },
  crossplane: { type: 'BucketPolicy', bucket: 'bucket', policy: 'policy' },
} as const;

/** The policy document a bucket policy holds, following a Terraform `data.aws_iam_policy_document.X.json`. */
function documentOf(view: ResourceView, field: string, context: RuleContext): unknown {
  const value = view.arguments[field];
  if (!isUnknownValue(value)) return value;
  const reference = /data\.aws_iam_policy_document\.([\w-]+)\.json/.exec(value.expression);
  if (!reference) return value;
  return context.parsed.resources.find(
    (resource) => resource.name === `data.aws_iam_policy_document.${reference[1]}`,
  )?.body;
}

/**
 * IK-TLS-001: every S3 bucket has a bucket policy that denies requests without TLS
 * (`aws:SecureTransport` false). S3 still answers plain HTTP unless a policy refuses it.
 */
export const tlsOnlyBucketRule: PolicyRule = {
  id: 'IK-TLS-001',
  title: 'S3 bucket accepts requests without TLS',
  rationale:
    'S3 serves plain HTTP endpoints; only a bucket policy denying aws:SecureTransport=false keeps data and credentials off the wire unencrypted.',
  controls: [...IN_TRANSIT_CONTROLS, 'CIS AWS Foundations v3.0 2.1.1'],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 's3-bucket' || view.resource.tool === 'kubernetes') return [];
    const kind = POLICY_KINDS[view.resource.tool];
    const policies = context.views.filter(
      (candidate) =>
        (candidate.resource.type === kind.type || candidate.resource.kind === kind.type) &&
        targetsBucket(candidate.resource, kind.bucket, view),
    );
    let unreadable: ReturnType<typeof readPolicy> | undefined;
    for (const policy of policies) {
      const read = readPolicy(documentOf(policy, kind.policy, context));
      if (read?.kind === 'statements' && read.statements.some(deniesInsecureTransport)) return [];
      if (read?.kind === 'unknown') unreadable = read;
    }
    const line = lineOf(view);
    if (unreadable?.kind === 'unknown')
      return [
        cannotSee(
          'whether the bucket policy denies non-TLS requests',
          unreadable.value,
          { line },
          'Write the bucket policy as literal JSON or an aws_iam_policy_document.',
        ),
      ];
    return [
      {
        line,
        message:
          policies.length === 0
            ? 'no bucket policy denies requests without TLS (aws:SecureTransport false)'
            : 'the bucket policy has no Deny statement for aws:SecureTransport false',
        fix: 'Add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Resource the bucket and bucket/*, Condition Bool aws:SecureTransport "false".',
      },
    ];
  },
};
