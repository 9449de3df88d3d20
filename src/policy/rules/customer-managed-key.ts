import { isUnknownValue } from '../../iac/resource-model.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { companionsOf } from '../companions.js';
import { fullPath, lineOf, readField, type FieldNames, type ResourceView } from '../resource-view.js';
import { readPath } from '../values.js';

const KEY_FIELDS: Record<string, FieldNames> = {
  'rds-instance': { terraform: 'kms_key_id', cloudformation: 'KmsKeyId', crossplane: 'kmsKeyId' },
  'rds-cluster': { terraform: 'kms_key_id', cloudformation: 'KmsKeyId', crossplane: 'kmsKeyId' },
  'dynamodb-table': {
    terraform: 'server_side_encryption.kms_key_arn',
    cloudformation: 'SSESpecification.KMSMasterKeyId',
    crossplane: 'serverSideEncryption.kmsKeyArn',
  },
  'keyspaces-table': {
    terraform: 'encryption_specification.kms_key_identifier',
    cloudformation: 'EncryptionSpecification.KmsKeyIdentifier',
    crossplane: 'encryptionSpecification.kmsKeyIdentifier',
  },
  secret: { terraform: 'kms_key_id', cloudformation: 'KmsKeyId', crossplane: 'kmsKeyId' },
};

const hasKey = (view: ResourceView, names: FieldNames): boolean => {
  const { value, path } = readField(view, names);
  if (value !== undefined && value !== null && value !== '') return true;
  // upjet: a key may be given by reference or selector instead of an id
  return (
    view.resource.tool === 'crossplane' &&
    path !== undefined &&
    (readPath(view.arguments, `${path}Ref`) !== undefined ||
      readPath(view.arguments, `${path}Selector`) !== undefined)
  );
};

const S3_KMS: FieldNames = {
  terraform: 'rule.apply_server_side_encryption_by_default.sse_algorithm',
  cloudformation:
    'BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm',
  crossplane: 'rule.applyServerSideEncryptionByDefault.sseAlgorithm',
};

function s3UsesKms(view: ResourceView, context: RuleContext): boolean {
  const sources =
    view.resource.tool === 'cloudformation' ? [view] : companionsOf(view, context, 's3-encryption');
  if (view.resource.tool === 'terraform') {
    const inline = readPath(
      view.arguments,
      'server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm',
    );
    if (typeof inline === 'string' && inline.startsWith('aws:kms')) return true;
  }
  return sources.some((source) => {
    const value = readField(source, S3_KMS).value;
    return isUnknownValue(value) || (typeof value === 'string' && value.startsWith('aws:kms'));
  });
}

/** IK-ENC-002: where the baseline says customer-managed, storage uses a customer-managed KMS key. */
export const customerManagedKeyRule: PolicyRule = {
  id: 'IK-ENC-002',
  title: 'Customer-managed KMS key required',
  rationale:
    'The baseline asks for customer-managed keys: the team controls rotation, key policy and revocation, and key use is logged in CloudTrail.',
  controls: [
    'PCI-DSS 3.5',
    'PCI-DSS 3.6',
    'HIPAA 164.312(a)(2)(iv)',
    'NIST 800-53 SC-12',
    'NIST 800-53 SC-28',
  ],
  severity: (environment) => (environment.encryptionAtRest === 'customer-managed' ? 'high' : 'low'),
  appliesTo: (constraints) =>
    constraints.context.environments.some(
      (environment) => environment.encryptionAtRest === 'customer-managed',
    ),
  check(view, context) {
    if (context.environment.environment.encryptionAtRest !== 'customer-managed' || !view.entry) return [];
    const kind = view.entry.kind;
    const violation = (path: string | undefined, what: string): Violation => ({
      message: `${what}; the ${context.environment.environment.name} baseline requires a customer-managed KMS key`,
      fieldPath: path ? fullPath(view, path) : undefined,
      line: lineOf(view, path),
      fix: 'Create an aws kms key (with rotation on) and reference it here.',
    });
    if (kind === 's3-bucket')
      return s3UsesKms(view, context)
        ? []
        : [violation(undefined, 'the bucket is not encrypted with SSE-KMS')];
    const names = KEY_FIELDS[kind];
    if (!names || hasKey(view, names)) return [];
    return [violation(readField(view, names).path, `no KMS key is set (${readField(view, names).path})`)];
  },
};
