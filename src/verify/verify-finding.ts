import { createHash } from 'node:crypto';
import type { Finding } from '../findings/finding.js';
import type { Resource } from '../iac/resource-model.js';

/** The verifier's rule ids. */
export const VERIFY_RULES = {
  fieldUnknown: 'IK-FIELD-UNKNOWN',
  kindUnknown: 'IK-KIND-UNKNOWN',
  versionNotServed: 'IK-VERSION-NOT-SERVED',
  versionDeprecated: 'IK-VERSION-DEPRECATED',
  versionDeclared: 'IK-VERSION-DECLARED',
  shapeVersion: 'IK-SHAPE-VERSION',
  required: 'IK-REQUIRED',
  type: 'IK-TYPE',
  case: 'IK-CASE',
  scope: 'IK-SCOPE',
  enum: 'IK-ENUM',
  constraint: 'IK-CONSTRAINT',
  celRule: 'IK-CEL',
  intrinsic: 'IK-INTRINSIC',
  reference: 'IK-REFERENCE',
  runtimeDeprecated: 'IK-RUNTIME-DEPRECATED',
  unverifiable: 'IK-UNVERIFIABLE',
  parse: 'IK-PARSE',
} as const;
export type VerifyRuleId = (typeof VERIFY_RULES)[keyof typeof VERIFY_RULES];

/** One problem found while walking a resource, before it is placed in a file. */
export interface VerifyIssue {
  ruleId: VerifyRuleId;
  /** Errors fail verify; warnings are advisory. */
  level: 'error' | 'warning';
  message: string;
  fieldPath?: string;
  fix?: string;
  suggestion?: string;
  /** The line, when it is not the line of `fieldPath` in the resource (e.g. a patch that writes the field). */
  line?: number;
}

/** True when a finding fails verification (warnings do not). */
export function isError(finding: Finding): boolean {
  return finding.severity === 'critical' || finding.severity === 'high' || finding.severity === 'medium';
}

/** The line of a field, or of its nearest ancestor that has one, or the resource's line. */
export function lineOfField(resource: Resource, fieldPath: string | undefined): number {
  const lines = resource.fieldLines ?? {};
  let path = fieldPath ?? '';
  while (path) {
    if (lines[path] !== undefined) return lines[path];
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : '';
  }
  return resource.location.line;
}

/** A stable identity: rule, file, resource and field (not the line, which moves with edits). */
export function fingerprintOf(parts: Array<string | undefined>): string {
  return createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** Turns an issue on a resource into a Finding with file and line. */
export function toFinding(resource: Resource, issue: VerifyIssue): Finding {
  const resourceType = resource.apiVersion ? `${resource.apiVersion}/${resource.kind}` : resource.type;
  return {
    ruleId: issue.ruleId,
    severity: issue.level === 'error' ? 'high' : 'low',
    message: issue.message,
    location: { file: resource.location.file, line: issue.line ?? lineOfField(resource, issue.fieldPath) },
    resourceType,
    resourceName: resource.name,
    ...(issue.fieldPath ? { fieldPath: issue.fieldPath } : {}),
    ...(issue.fix ? { fix: issue.fix } : {}),
    ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
    source: 'verify',
    fingerprint: fingerprintOf([
      issue.ruleId,
      resource.location.file,
      resourceType,
      resource.name,
      issue.fieldPath,
      issue.message,
    ]),
  };
}
