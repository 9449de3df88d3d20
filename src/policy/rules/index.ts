import type { PolicyRule } from '../rule.js';
import { backupsRule } from './backups.js';
import { compositionModeRule } from './composition-mode.js';
import { customerManagedKeyRule } from './customer-managed-key.js';
import { deletionSafetyRule } from './deletion-safety.js';
import { embeddedSuppressionRule } from './embedded-suppression.js';
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
import { terraformVersionBoundRule } from './terraform-version-bound.js';
import { terraformVariableDocumentedRule } from './terraform-variable-documented.js';
import { sensitiveDeclarationRule } from './sensitive-declaration.js';
import { moduleProviderBackendRule } from './module-provider-backend.js';
import { cloudformationParameterDocumentedRule } from './cloudformation-parameter-documented.js';
import { cloudformationOutputDocumentedRule } from './cloudformation-output-documented.js';
import { secretFromStoreRule } from './secret-from-store.js';
import { literalAccountRegionRule } from './literal-account-region.js';
import { wildcardIamRule } from './wildcard-iam.js';
import { tlsOnlyBucketRule } from './tls-only-bucket.js';
import { databaseTlsRule } from './database-tls.js';
import { loggingEnabledRule } from './logging-enabled.js';
import { nameLengthLimitRule } from './name-length-limit.js';
import { lifecycleTransitionDaysRule } from './lifecycle-transition-days.js';
import { compositeFieldDocumentedRule } from './composite-field-documented.js';
import { compositeFieldUsedRule } from './composite-field-used.js';
import { connectionSecretKeysRule } from './connection-secret-keys.js';
import { literalRegionRule } from './literal-region.js';
import { monitoringEnabledRule } from './monitoring-enabled.js';
import { alarmCoverageRule } from './alarm-coverage.js';
import { cacheTransitEncryptionRule } from './cache-transit-encryption.js';
import { listenerTlsRule } from './listener-tls.js';

/** Every policy rule, in the order findings are reported. */
export const POLICY_RULES: readonly PolicyRule[] = [
  hardCodedSecretRule,
  embeddedSuppressionRule,
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
  terraformVersionBoundRule,
  terraformVariableDocumentedRule,
  sensitiveDeclarationRule,
  moduleProviderBackendRule,
  cloudformationParameterDocumentedRule,
  cloudformationOutputDocumentedRule,
  secretFromStoreRule,
  literalAccountRegionRule,
  literalRegionRule,
  wildcardIamRule,
  tlsOnlyBucketRule,
  databaseTlsRule,
  cacheTransitEncryptionRule,
  listenerTlsRule,
  loggingEnabledRule,
  monitoringEnabledRule,
  alarmCoverageRule,
  nameLengthLimitRule,
  lifecycleTransitionDaysRule,
  compositeFieldDocumentedRule,
  compositeFieldUsedRule,
  connectionSecretKeysRule,
];

/** A rule by id, for SARIF rule metadata and the docs. */
export const ruleById = (id: string): PolicyRule | undefined => POLICY_RULES.find((rule) => rule.id === id);
