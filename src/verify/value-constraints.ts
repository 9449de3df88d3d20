import type { SchemaNode } from '../schemas/schema-node.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

// RFC 3339, as the Kubernetes API server checks `format: date-time`.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const issue = (path: string, message: string): VerifyIssue => ({
  ruleId: VERIFY_RULES.constraint,
  level: 'error',
  fieldPath: path,
  message: `${path}: ${message}`,
});

/** The pattern, length, bound and format constraints of a scalar node (Kubernetes structural schemas). */
export function scalarConstraintIssues(value: unknown, node: SchemaNode, path: string): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  if (typeof value === 'string') {
    const length = [...value].length;
    if (node.minLength !== undefined && length < node.minLength)
      issues.push(
        issue(path, `${JSON.stringify(value)} is shorter than the minimum length ${node.minLength}`),
      );
    if (node.maxLength !== undefined && length > node.maxLength)
      issues.push(
        issue(path, `${JSON.stringify(value)} is longer than the maximum length ${node.maxLength}`),
      );
    if (node.pattern !== undefined && !matchesPattern(value, node.pattern))
      issues.push(issue(path, `${JSON.stringify(value)} does not match the pattern ${node.pattern}`));
    if (node.format === 'date-time' && !DATE_TIME.test(value))
      issues.push(issue(path, `${JSON.stringify(value)} is not an RFC 3339 date-time`));
    if (node.format === 'byte' && !BASE64.test(value))
      issues.push(issue(path, `${JSON.stringify(value)} is not base64 (format: byte)`));
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum))
      issues.push(
        issue(
          path,
          `${value} is below the minimum ${node.exclusiveMinimum ? '(exclusive) ' : ''}${node.minimum}`,
        ),
      );
    if (node.maximum !== undefined && (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum))
      issues.push(
        issue(
          path,
          `${value} is above the maximum ${node.exclusiveMaximum ? '(exclusive) ' : ''}${node.maximum}`,
        ),
      );
  }
  return issues;
}

/** minItems / maxItems and minProperties / maxProperties. */
export function sizeConstraintIssues(value: unknown, node: SchemaNode, path: string): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  const [count, noun, minimum, maximum] = Array.isArray(value)
    ? [value.length, 'items', node.minItems, node.maxItems]
    : [Object.keys(value as object).length, 'fields', node.minProperties, node.maxProperties];
  if (minimum !== undefined && count < minimum)
    issues.push(issue(path, `has ${count} ${noun}; at least ${minimum} are required`));
  if (maximum !== undefined && count > maximum)
    issues.push(issue(path, `has ${count} ${noun}; at most ${maximum} are allowed`));
  return issues;
}

function matchesPattern(value: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // An ECMA-incompatible (RE2-only) pattern cannot be checked here; never report it as a violation.
    return true;
  }
}
