import type { PolicyRule } from '../rule.js';
import { backupsRule } from './backups.js';
import { compositionModeRule } from './composition-mode.js';
import { customerManagedKeyRule } from './customer-managed-key.js';
import { deletionSafetyRule } from './deletion-safety.js';
import { encryptionAtRestRule } from './encryption-at-rest.js';
import { hardCodedSecretRule } from './hard-coded-secret.js';
import { multiAzRule } from './multi-az.js';
import { namingPatternRule } from './naming-pattern.js';
import { namingProviderRule } from './naming-provider.js';
import { openIngressRule } from './open-ingress.js';
import { optionalSafetyPatchRule } from './optional-safety-patch.js';
import { pointInTimeRecoveryRule } from './point-in-time-recovery.js';
import { publicDatabaseRule } from './public-database.js';
import { publicIpRule } from './public-ip.js';
import { s3PublicAccessBlockRule } from './s3-public-access-block.js';
import { tagMissingRule } from './tag-missing.js';
import { tagSourceRule } from './tag-source.js';
import { versioningRule } from './versioning.js';
import { versionPinningRule } from './version-pinning.js';

/** Every policy rule, in the order findings are reported. */
export const POLICY_RULES: readonly PolicyRule[] = [
  hardCodedSecretRule,
  s3PublicAccessBlockRule,
  publicDatabaseRule,
  openIngressRule,
  publicIpRule,
  encryptionAtRestRule,
  customerManagedKeyRule,
  deletionSafetyRule,
  optionalSafetyPatchRule,
  backupsRule,
  pointInTimeRecoveryRule,
  multiAzRule,
  versioningRule,
  tagMissingRule,
  tagSourceRule,
  namingProviderRule,
  namingPatternRule,
  versionPinningRule,
  compositionModeRule,
];

/** A rule by id, for SARIF rule metadata and the docs. */
export const ruleById = (id: string): PolicyRule | undefined => POLICY_RULES.find((rule) => rule.id === id);
