import { isUnknownValue } from '../iac/resource-model.js';
import { fieldPathSegments } from '../iac/field-path.js';
import { describeNode, resolveNode, type SchemaNode } from '../schemas/schema-node.js';
import { caseOnlyMatch, didYouMean, listForMessage } from './did-you-mean.js';
import { OBJECT_META_FIELDS } from './object-meta-fields.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';
import { scalarConstraintIssues, sizeConstraintIssues } from './value-constraints.js';
import { celRuleIssues, type CelProgramCache } from './cel-rules.js';
import { descriptionValues, isAnotherFieldsList } from './description-values.js';

/** Another schema to compare with when a field or shape is wrong (another version, the other scope). */
export interface AlternativeSchema {
  /** e.g. `v1beta1` or `cluster-scoped s3.aws.upbound.io`. */
  label: string;
  schema: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

/** Everything the walk needs besides the value. */
export interface WalkContext {
  definitions?: Record<string, SchemaNode>;
  /** Other served versions of the same kind (shape-of-another-version checks). */
  versions: AlternativeSchema[];
  /** The same kind in the other scope (namespaced vs cluster-scoped Crossplane MRs). */
  scopeSibling?: { label: string; explanation: string; alternative: AlternativeSchema };
  /** CloudFormation and Terraform convert scalars (`"5"` for a number); Kubernetes does not. */
  lenientScalars: boolean;
  /** Upjet CRDs: "Valid values" in descriptions become advisory warnings. */
  descriptionEnums: boolean;
  issues: VerifyIssue[];
  /** How to name the body's top level in messages (`Properties`, `the resource block`). */
  rootLabel?: string;
  /**
   * Kubernetes structural schemas: explicit nulls, patterns, bounds and CEL rules are enforced as the
   * API server (and `crossplane beta validate`) enforce them. Off for CloudFormation and Terraform.
   */
  /** The schema the walk started from (to look at a field's siblings). */
  root?: SchemaNode;
  structural?: { rejectNulls: boolean; celPrograms: CelProgramCache };
}

type Shape = 'object' | 'array' | 'string' | 'number' | 'boolean';
const shapeOf = (value: unknown): Shape =>
  Array.isArray(value)
    ? 'array'
    : typeof value === 'object' && value !== null
      ? 'object'
      : (typeof value as Shape);
const article = (shape: string) => (/^[aeiou]/.test(shape) ? `an ${shape}` : `a ${shape}`);

/** Splits `a.b[0].c["x.y"]` into segments (`a`, `b`, 0, `c`, `x.y`): bracketed and quoted keys are one segment. */
export function pathSegments(path: string): Array<string | number> {
  return fieldPathSegments(path);
}

/** The schema node at a data path, descending through properties, maps and array items. */
export function nodeAtPath(
  schema: SchemaNode | undefined,
  segments: Array<string | number>,
  definitions?: Record<string, SchemaNode>,
): SchemaNode | undefined {
  let node = resolveNode(schema, definitions);
  for (const segment of segments) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = resolveNode(node.items, definitions);
    else if (node.properties?.[segment]) node = resolveNode(node.properties[segment], definitions);
    else if (typeof node.additionalProperties === 'object')
      node = resolveNode(node.additionalProperties, definitions);
    else return undefined;
  }
  return node;
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function scalarMatches(value: unknown, type: SchemaNode['type'], lenient: boolean): boolean {
  switch (type) {
    case 'string':
      return (
        typeof value === 'string' || (lenient && (typeof value === 'number' || typeof value === 'boolean'))
      );
    case 'integer':
      return (
        (typeof value === 'number' && Number.isInteger(value)) ||
        (lenient && typeof value === 'string' && /^-?\d+$/.test(value.trim()))
      );
    case 'number':
      return (
        typeof value === 'number' ||
        (lenient && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      );
    case 'boolean':
      return typeof value === 'boolean' || (lenient && (value === 'true' || value === 'false'));
    default:
      return true;
  }
}

function expectedShape(node: SchemaNode): SchemaNode['type'] | undefined {
  return (
    node.type ?? (node.properties || node.additionalProperties ? 'object' : node.items ? 'array' : undefined)
  );
}

function matchesShape(value: unknown, node: SchemaNode | undefined, context: WalkContext): boolean {
  if (!node) return false;
  if (node.any || node.preserveUnknown || node.anyOf) return true;
  if (node.intOrString) return typeof value === 'string' || typeof value === 'number';
  const expected = expectedShape(node);
  if (!expected) return true;
  if (expected === 'object') return shapeOf(value) === 'object';
  if (expected === 'array') return Array.isArray(value);
  return (
    shapeOf(value) !== 'object' &&
    !Array.isArray(value) &&
    scalarMatches(value, expected, context.lenientScalars)
  );
}

/** Walks a value against a schema node, appending issues to the context. */
export function walkValue(
  value: unknown,
  schema: SchemaNode | undefined,
  path: string,
  context: WalkContext,
): void {
  const node = resolveNode(schema, context.definitions);
  if (value === null && node && context.structural?.rejectNulls) return checkNull(node, path, context);
  if (!node || node.any || value === null || value === undefined || isUnknownValue(value)) return;
  if (node.anyOf) {
    const option = node.anyOf.find((candidate) =>
      matchesShape(value, resolveNode(candidate, context.definitions), context),
    );
    if (option) walkValue(value, option, path, context);
    else
      context.issues.push({
        ruleId: VERIFY_RULES.type,
        level: 'error',
        fieldPath: path,
        message: `${path}: ${article(shapeOf(value))} is not allowed here; expected ${describeNode(node, context.definitions)}`,
      });
    return;
  }
  if (!matchesShape(value, node, context)) return reportMismatch(value, node, path, context);
  if (context.structural) {
    if (Array.isArray(value) || shapeOf(value) === 'object')
      context.issues.push(...sizeConstraintIssues(value, node, path));
    else context.issues.push(...scalarConstraintIssues(value, node, path));
    context.issues.push(
      ...celRuleIssues(value, node, path, context.structural.celPrograms, context.definitions),
    );
  }
  if (node.preserveUnknown && !node.properties && !node.additionalProperties && !node.items) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkValue(item, node.items, join(path, index), context));
    return;
  }
  if (shapeOf(value) === 'object') return walkObject(value as Record<string, unknown>, node, path, context);
  checkEnum(value, node, path, context);
}

/** An explicit null (`description:` with no value) where the schema wants a typed value and is not nullable. */
function checkNull(node: SchemaNode, path: string, context: WalkContext): void {
  if (node.nullable || node.any || node.anyOf) return;
  if (!node.intOrString && !expectedShape(node)) return;
  context.issues.push({
    ruleId: VERIFY_RULES.type,
    level: 'error',
    fieldPath: path,
    message: `${path}: an explicit null is not allowed here; expected ${describeNode(node, context.definitions)} (a key with no value is null)`,
    fix: `give ${path} a value, or remove the key`,
  });
}

function walkObject(
  value: Record<string, unknown>,
  node: SchemaNode,
  path: string,
  context: WalkContext,
): void {
  const properties = node.properties;
  if (!properties && !node.additionalProperties) {
    if (path === 'metadata') checkMetadata(value, context);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('{{')) continue;
    const childPath = join(path, key);
    if (properties && key in properties) walkValue(child, properties[key], childPath, context);
    else if (typeof node.additionalProperties === 'object')
      walkValue(child, node.additionalProperties, childPath, context);
    else if (node.additionalProperties === true || node.preserveUnknown) continue;
    else reportUnknownField(key, Object.keys(properties ?? {}), path, context);
  }
  const hasTemplateKeys = Object.keys(value).some((key) => key.includes('{{'));
  for (const required of node.required ?? []) {
    if (required in value || hasTemplateKeys) continue;
    const childPath = join(path, required);
    context.issues.push({
      ruleId: VERIFY_RULES.required,
      level: 'error',
      fieldPath: childPath,
      message: `${childPath} is required (${describeNode(properties?.[required], context.definitions)}) but missing`,
      fix: `add ${required} under ${path || context.rootLabel || 'the resource'}`,
    });
  }
}

function checkMetadata(value: Record<string, unknown>, context: WalkContext): void {
  for (const key of Object.keys(value)) {
    if (OBJECT_META_FIELDS.includes(key) || key.includes('{{')) continue;
    reportUnknownField(key, OBJECT_META_FIELDS, 'metadata', context);
  }
}

function reportUnknownField(key: string, allowed: string[], path: string, context: WalkContext): void {
  const fieldPath = join(path, key);
  const caseMatch = caseOnlyMatch(key, allowed);
  if (caseMatch) {
    context.issues.push({
      ruleId: VERIFY_RULES.case,
      level: 'error',
      fieldPath,
      message: `${fieldPath}: field names are case-sensitive; the schema has ${caseMatch}`,
      suggestion: `did you mean "${caseMatch}"?`,
      fix: `rename ${key} to ${caseMatch}`,
    });
    return;
  }
  const segments = pathSegments(fieldPath);
  const sibling = context.scopeSibling;
  if (sibling && nodeAtPath(sibling.alternative.schema, segments, sibling.alternative.definitions)) {
    context.issues.push({
      ruleId: VERIFY_RULES.scope,
      level: 'error',
      fieldPath,
      message: `${fieldPath} is accepted only by ${sibling.label}; ${sibling.explanation}`,
      fix: `remove ${key}`,
    });
    return;
  }
  const elsewhere = context.versions.find((version) =>
    nodeAtPath(version.schema, segments, version.definitions),
  );
  const suggestions = didYouMean(key, allowed);
  context.issues.push({
    ruleId: VERIFY_RULES.fieldUnknown,
    level: 'error',
    fieldPath,
    message: `${fieldPath}: no such field${elsewhere ? ` in this version (it exists in ${elsewhere.label})` : ''}; allowed under ${path || context.rootLabel || 'the resource'}: ${listForMessage(allowed)}`,
    ...(suggestions.length
      ? { suggestion: `did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?` }
      : {}),
  });
}

function reportMismatch(value: unknown, node: SchemaNode, path: string, context: WalkContext): void {
  const segments = pathSegments(path);
  const actual = shapeOf(value);
  for (const version of context.versions) {
    const other = nodeAtPath(version.schema, segments, version.definitions);
    if (other && (actual === 'object' || actual === 'array') && matchesShape(value, other, context)) {
      context.issues.push({
        ruleId: VERIFY_RULES.shapeVersion,
        level: 'error',
        fieldPath: path,
        message: `${path}: this is the ${version.label} shape (${describeNode(other, version.definitions)}); this version expects ${describeNode(node, context.definitions)}`,
        fix:
          actual === 'array'
            ? `write ${path} as a single object, not a list`
            : `write ${path} as a list of objects`,
      });
      return;
    }
  }
  context.issues.push({
    ruleId: VERIFY_RULES.type,
    level: 'error',
    fieldPath: path,
    message: `${path}: got ${article(actual)}, expected ${describeNode(node, context.definitions)}`,
  });
}

function checkEnum(value: unknown, node: SchemaNode, path: string, context: WalkContext): void {
  if (node.enum) {
    if (
      node.enum.some(
        (allowed) => allowed === value || (context.lenientScalars && String(allowed) === String(value)),
      )
    )
      return;
    const allowed = node.enum.map(String);
    const caseMatch = caseOnlyMatch(String(value), allowed);
    const suggestions = caseMatch ? [caseMatch] : didYouMean(String(value), allowed);
    context.issues.push({
      ruleId: caseMatch ? VERIFY_RULES.case : VERIFY_RULES.enum,
      level: 'error',
      fieldPath: path,
      message: `${path}: ${JSON.stringify(value)} is not one of ${listForMessage(allowed, 20)}`,
      ...(suggestions.length ? { suggestion: `did you mean "${suggestions[0]}"?` } : {}),
    });
    return;
  }
  if (!context.descriptionEnums || typeof value !== 'string') return;
  const documented = descriptionValues(node.description);
  if (!documented || documented.includes(value)) return;
  if (
    context.root &&
    isAnotherFieldsList(node.description!, documented, pathSegments(path), context.root, context.definitions)
  )
    return;
  const suggestions = didYouMean(value, documented);
  context.issues.push({
    ruleId: VERIFY_RULES.enum,
    level: 'warning',
    fieldPath: path,
    message: `${path}: ${JSON.stringify(value)} is not among the "Valid values" in the provider's description (${documented.join(', ')}); advisory only, since those lists are sometimes wrong`,
    ...(suggestions.length ? { suggestion: `did you mean "${suggestions[0]}"?` } : {}),
  });
}
