import { recordedPatchTargets } from '../iac/crossplane/patches.js';
import { fieldPathSegments, isSameOrAncestorPath } from '../iac/field-path.js';
import type { Resource } from '../iac/resource-model.js';
import { resolveNode, type SchemaNode } from '../schemas/schema-node.js';
import { USER_SET_OBJECT_META_FIELDS } from './object-meta-fields.js';
import { pathSegments } from './schema-walk.js';
import { didYouMean } from './did-you-mean.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

/** The first segment a schema does not allow along a path, with the names allowed there; undefined when allowed. */
function firstDisallowed(
  schema: SchemaNode,
  segments: Array<string | number>,
  definitions?: Record<string, SchemaNode>,
): { index: number; allowed: string[] } | undefined {
  let node = resolveNode(schema, definitions);
  for (const [index, segment] of segments.entries()) {
    if (!node || node.any || node.preserveUnknown) return undefined;
    if (typeof segment === 'number') node = resolveNode(node.items, definitions);
    else if (node.properties?.[segment]) node = resolveNode(node.properties[segment], definitions);
    else if (node.additionalProperties)
      node =
        typeof node.additionalProperties === 'object'
          ? resolveNode(node.additionalProperties, definitions)
          : undefined;
    else if (node.type === 'array' && node.items)
      node = resolveNode(resolveNode(node.items, definitions)?.properties?.[segment], definitions);
    else return { index, allowed: Object.keys(node.properties ?? {}) };
    if (!node) return undefined;
  }
  return undefined;
}

/** Patch-and-transform patches must write fields that exist in the composed resource's schema. */
export function checkPatchTargets(
  resource: Resource,
  schema: SchemaNode,
  definitions?: Record<string, SchemaNode>,
): VerifyIssue[] {
  return recordedPatchTargets(resource.meta).flatMap(({ path, line }) => {
    const segments = pathSegments(path);
    if (segments[0] === 'metadata') {
      const field = String(segments[1] ?? '');
      if (!field || USER_SET_OBJECT_META_FIELDS.includes(field)) return [];
      return [
        {
          ruleId: VERIFY_RULES.fieldUnknown,
          level: 'error' as const,
          line,
          fieldPath: path,
          message: `a patch writes ${path}, which metadata does not have`,
        },
      ];
    }
    const problem = firstDisallowed(schema, segments, definitions);
    if (!problem) return [];
    const bad = String(segments[problem.index]);
    const suggestions = didYouMean(bad, problem.allowed);
    return [
      {
        ruleId: VERIFY_RULES.fieldUnknown,
        level: 'error' as const,
        line,
        fieldPath: path,
        message: `a patch writes ${path}, but ${resource.kind ?? resource.type} has no field ${bad} there; allowed: ${problem.allowed.join(', ')}`,
        ...(suggestions.length ? { suggestion: `did you mean "${suggestions[0]}"?` } : {}),
      },
    ];
  });
}

/**
 * True when a patch writes the field, one of its parents (a whole object) or one of its children
 * (so the object exists): a required field a patch supplies is present once the Composition renders.
 */
export function suppliedByPatch(resource: Resource, fieldPath: string): boolean {
  const wanted = fieldPathSegments(fieldPath);
  return recordedPatchTargets(resource.meta).some((target) => {
    const written = fieldPathSegments(target.path);
    return isSameOrAncestorPath(written, wanted) || isSameOrAncestorPath(wanted, written);
  });
}

/** Drops the "required but missing" issues of fields that a patch supplies. */
export function withoutPatchSuppliedRequired(resource: Resource, issues: VerifyIssue[]): VerifyIssue[] {
  if (recordedPatchTargets(resource.meta).length === 0) return issues;
  return issues.filter(
    (issue) =>
      issue.ruleId !== VERIFY_RULES.required ||
      !issue.fieldPath ||
      !suppliedByPatch(resource, issue.fieldPath),
  );
}
