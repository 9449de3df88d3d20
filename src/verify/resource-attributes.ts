import type { Resource } from '../iac/resource-model.js';
import { didYouMean } from './did-you-mean.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

/** The attributes CloudFormation accepts on a resource beside Type and Properties, with their allowed values. */
const ATTRIBUTES: Record<string, string[] | undefined> = {
  DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'],
  UpdateReplacePolicy: ['Delete', 'Retain', 'Snapshot'],
  Condition: undefined,
  DependsOn: undefined,
  Metadata: undefined,
  CreationPolicy: undefined,
  UpdatePolicy: undefined,
};

/** CloudFormation resource attributes: unknown ones, and the values of DeletionPolicy / UpdateReplacePolicy. */
export function verifyResourceAttributes(resource: Resource): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  const unknown = Array.isArray(resource.meta.unknownAttributes)
    ? (resource.meta.unknownAttributes as string[])
    : [];
  for (const attribute of unknown) {
    const suggestions = didYouMean(attribute, [...Object.keys(ATTRIBUTES), 'Type', 'Properties']);
    issues.push({
      ruleId: VERIFY_RULES.fieldUnknown,
      level: 'error',
      fieldPath: `@${attribute}`,
      message: `${attribute} is not a CloudFormation resource attribute; allowed: Type, Properties, ${Object.keys(ATTRIBUTES).join(', ')}`,
      ...(suggestions.length ? { suggestion: `did you mean "${suggestions[0]}"?` } : {}),
    });
  }
  for (const [attribute, allowed] of Object.entries(ATTRIBUTES)) {
    const value = resource.meta[attribute];
    if (!allowed || typeof value !== 'string' || allowed.includes(value)) continue;
    const suggestions = didYouMean(value, allowed);
    issues.push({
      ruleId: VERIFY_RULES.enum,
      level: 'error',
      fieldPath: `@${attribute}`,
      message: `${attribute}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
      ...(suggestions.length ? { suggestion: `did you mean "${suggestions[0]}"?` } : {}),
    });
  }
  return issues;
}
