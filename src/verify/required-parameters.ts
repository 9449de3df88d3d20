import { isUnknownValue, type Resource } from '../iac/resource-model.js';
import type { KindVersion } from '../schemas/schema-node.js';
import { suppliedByPatch } from './patch-targets.js';
import { pathSegments } from './schema-walk.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

const UNKNOWN = Symbol('unknown');

function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const segment of pathSegments(path)) {
    if (isUnknownValue(current)) return UNKNOWN;
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return isUnknownValue(current) ? UNKNOWN : current;
}

/**
 * Upjet's required parameters (CEL rules on spec): each must be in forProvider or initProvider,
 * unless managementPolicies leave out Create and Update (observe-only resources).
 */
export function checkRequiredParameters(resource: Resource, version: KindVersion): VerifyIssue[] {
  if (!version.requiredParameters?.length) return [];
  const policies = valueAt(resource.body, 'spec.managementPolicies');
  if (policies === UNKNOWN) return [];
  if (
    Array.isArray(policies) &&
    !policies.some(
      (policy) => policy === '*' || policy === 'Create' || policy === 'Update' || isUnknownValue(policy),
    )
  )
    return [];
  const injected = resource.meta.templateInjectsContent === true;
  return version.requiredParameters.flatMap((path) => {
    const initPath = path.replace(/^spec\.forProvider\./, 'spec.initProvider.');
    const value = valueAt(resource.body, path);
    const initValue = valueAt(resource.body, initPath);
    if (value !== undefined || initValue !== undefined) return [];
    if (suppliedByPatch(resource, path) || suppliedByPatch(resource, initPath)) return [];
    const parent = valueAt(resource.body, 'spec.forProvider');
    if (parent === UNKNOWN) return [];
    const issue: VerifyIssue = {
      ruleId: VERIFY_RULES.required,
      level: injected ? 'warning' : 'error',
      fieldPath: path,
      message: `${path} is required by the provider (or ${initPath}) while managementPolicies include Create or Update${injected ? '; a template action here may supply it, so this is a warning' : ''}`,
      fix: `set ${path}`,
    };
    return [issue];
  });
}
