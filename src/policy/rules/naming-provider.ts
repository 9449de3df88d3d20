import type { PolicyRule } from '../rule.js';
import { lineOf } from '../resource-view.js';
import { physicalName, WILDCARD } from '../names.js';

/** Identifier rules the provider enforces at create time, by kind. Links: AWS Keyspaces quotas, S3 bucket naming rules. */
const PROVIDER_RULES: Record<string, { test: (name: string) => boolean; says: string }> = {
  // https://docs.aws.amazon.com/keyspaces/latest/devguide/quotas.html: letters, digits, underscore; 1-48 characters
  'keyspaces-keyspace': {
    test: (name) => /^[a-zA-Z0-9\0][a-zA-Z0-9_\0]*$/.test(name) && name.replace(/\0/g, '').length <= 48,
    says: 'a Keyspaces name may hold only letters, digits and underscores (at most 48 characters): no dashes',
  },
  'keyspaces-table': {
    test: (name) => /^[a-zA-Z0-9\0][a-zA-Z0-9_\0]*$/.test(name) && name.replace(/\0/g, '').length <= 48,
    says: 'a Keyspaces table name may hold only letters, digits and underscores (at most 48 characters): no dashes',
  },
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  's3-bucket': {
    test: (name) => {
      const known = name.replace(/\0/g, '');
      const lengthOk = name.includes(WILDCARD) ? known.length <= 63 : known.length >= 3 && known.length <= 63;
      return (
        lengthOk &&
        /^[a-z0-9\0][a-z0-9.\-\0]*[a-z0-9\0]$/.test(name) &&
        !name.includes('..') &&
        !/^\d+\.\d+\.\d+\.\d+$/.test(name)
      );
    },
    says: 'an S3 bucket name is 3-63 characters of lowercase letters, digits, dots and dashes, starting and ending with a letter or digit',
  },
};

/** IK-NAME-002: names satisfy the provider's own identifier rules (else the create call fails). */
export const namingProviderRule: PolicyRule = {
  id: 'IK-NAME-002',
  title: "Name breaks the provider's identifier rules",
  rationale:
    'The cloud rejects such a name at create time: a Keyspaces name with a dash, an S3 bucket name with capitals or over 63 characters.',
  controls: ['SOC 2 CC6.1', 'NIST 800-53 CM-6'],
  severity: () => 'high',
  appliesTo: () => true,
  check(view) {
    const rule = view.entry ? PROVIDER_RULES[view.entry.kind] : undefined;
    const found = physicalName(view);
    if (!rule || !found || rule.test(found.name)) return [];
    const shown = found.name.replace(/\0/g, '…');
    const suggestion = view.entry?.kind.startsWith('keyspaces')
      ? shown.replace(/-/g, '_')
      : shown.toLowerCase().replace(/_/g, '-');
    return [
      {
        message: `name "${shown}": ${rule.says}`,
        fieldPath: found.fieldPath,
        line: lineOf(view, found.relative),
        fix: `Use "${suggestion}".`,
      },
    ];
  },
};
