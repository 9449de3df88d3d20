import type { Environment } from '../constraints/schema.js';

type Baseline = Omit<Environment, 'name' | 'strictness'>;

const DEV: Baseline = {
  encryptionAtRest: 'provider-managed',
  publicAccess: false,
  multiAz: false,
  backups: false,
  pointInTimeRecovery: false,
  deletionProtection: false,
  versioning: false,
};
const STAGING: Baseline = {
  ...DEV,
  encryptionAtRest: 'customer-managed',
  backups: true,
  pointInTimeRecovery: true,
  versioning: true,
};
const PROD: Baseline = { ...STAGING, multiAz: true, deletionProtection: true };

/**
 * The baseline a newly named environment starts from: dev-like names are relaxed, prod-like names
 * strict, and anything else gets the staging baseline (private, encrypted with our key, recoverable).
 */
export function defaultBaseline(name: string): Baseline {
  if (/^(dev|development|sandbox|test|local)/.test(name)) return { ...DEV };
  if (/^(prod|production|live|prd)/.test(name)) return { ...PROD };
  return { ...STAGING };
}
