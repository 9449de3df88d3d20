import { isUnknownValue } from '../../iac/resource-model.js';
import { byProductionLike } from '../environment-level.js';
import type { PolicyRule, Violation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';

/** Password properties of CloudFormation resources and the managed alternative where one exists. */
const SECRET_PROPERTIES: Record<string, { property: string; managed?: string }> = {
  'AWS::RDS::DBInstance': { property: 'MasterUserPassword', managed: 'ManageMasterUserPassword: true' },
  'AWS::RDS::DBCluster': { property: 'MasterUserPassword', managed: 'ManageMasterUserPassword: true' },
  'AWS::Redshift::Cluster': { property: 'MasterUserPassword', managed: 'ManageMasterPassword: true' },
  'AWS::DocDB::DBCluster': { property: 'MasterUserPassword' },
  'AWS::ElastiCache::ReplicationGroup': { property: 'AuthToken' },
  'AWS::AmazonMQ::Broker': { property: 'Users' },
};

/**
 * IK-SEC-003: a CloudFormation password property comes from Secrets Manager or SSM SecureString
 * through a dynamic reference (`{{resolve:secretsmanager:...}}`), or is managed by the service;
 * a `!Ref` to a parameter leaves the secret in the hands of whoever deploys and in change sets.
 * (Hard-coded literals are IK-SEC-001.)
 */
export const secretFromStoreRule: PolicyRule = {
  id: 'IK-SEC-003',
  title: 'Secret property not read from a secret store',
  rationale:
    'A password passed as a parameter is typed by a person, kept in CI variables and shown in change sets; a dynamic reference resolves it from Secrets Manager at deploy time only.',
  controls: [
    'SOC 2 CC6.1',
    'HIPAA 164.312(a)(1)',
    'PCI-DSS 8.2',
    'NIST 800-53 IA-5',
    'ISO 27001:2022 A.5.17',
  ],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check(view) {
    if (view.resource.tool !== 'cloudformation') return [];
    const entry = SECRET_PROPERTIES[view.resource.type];
    if (!entry) return [];
    const value = view.arguments[entry.property];
    if (value === undefined || !isUnknownValue(value)) return [];
    if (/\{\{resolve:(secretsmanager|ssm-secure):/.test(value.expression)) return [];
    const violation: Violation = {
      message: `${entry.property} comes from ${value.expression}, not from a secret store`,
      fieldPath: fullPath(view, entry.property),
      line: lineOf(view, entry.property),
      fix: entry.managed
        ? `Remove ${entry.property} and set ${entry.managed}, or use '{{resolve:secretsmanager:<secret>:SecretString:password}}'.`
        : `Use '{{resolve:secretsmanager:<secret>:SecretString:password}}'.`,
    };
    return [violation];
  },
};
