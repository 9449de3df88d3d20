import type { parse } from '@marcbachmann/cel-js';
import { isUnknownValue } from '../iac/resource-model.js';
import { resolveNode, type CelRule, type SchemaNode } from '../schemas/schema-node.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

/** The CEL compiler, and the rules of one verify run it compiled, keyed by rule text (passed in, never module state). */
export interface CelProgramCache {
  compile: typeof parse;
  programs: Map<string, ReturnType<typeof parse> | Error>;
}

/**
 * A cache for one verify run. The CEL evaluator is loaded here, when a run first checks a
 * Kubernetes or Crossplane resource: a CloudFormation or Terraform verify never loads it.
 */
export async function celProgramCache(): Promise<CelProgramCache> {
  const { parse: compile } = await import('@marcbachmann/cel-js');
  return { compile, programs: new Map() };
}

/** True when a value holds no unknown (template, intrinsic) value at any depth. */
export function isFullyKnown(value: unknown): boolean {
  if (isUnknownValue(value)) return false;
  if (Array.isArray(value)) return value.every(isFullyKnown);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isFullyKnown);
  return true;
}

/**
 * The value as the API server hands it to CEL: schema defaults applied where a field is absent,
 * integers as CEL `int` (bigint), nulls of non-nullable fields dropped.
 * https://kubernetes.io/docs/reference/using-api/cel/
 */
export function celValue(
  value: unknown,
  schema: SchemaNode | undefined,
  definitions?: Record<string, SchemaNode>,
): unknown {
  const node = resolveNode(schema, definitions);
  if (typeof value === 'number')
    return Number.isInteger(value) && node?.type !== 'number' ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((item) => celValue(item, node?.items, definitions));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === null) continue;
    const childNode =
      node?.properties?.[key] ??
      (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
    result[key] = celValue(child, childNode, definitions);
  }
  for (const [key, property] of Object.entries(node?.properties ?? {})) {
    const resolved = resolveNode(property, definitions);
    if (!(key in result) && resolved?.default !== undefined)
      result[key] = celValue(resolved.default, resolved, definitions);
  }
  return result;
}

/** Evaluates a node's `x-kubernetes-validations` with `self` bound to the value. */
export function celRuleIssues(
  value: unknown,
  node: SchemaNode,
  path: string,
  cache: CelProgramCache,
  definitions?: Record<string, SchemaNode>,
): VerifyIssue[] {
  if (!node.validations?.length || !isFullyKnown(value)) return [];
  const self = celValue(value, node, definitions);
  const issues: VerifyIssue[] = [];
  for (const rule of node.validations) {
    if (rule.transition) continue; // compares with the stored object (oldSelf): only the API server can
    const outcome = evaluateRule(rule, self, cache);
    if (outcome === true) continue;
    const where = path || 'the resource';
    issues.push(
      outcome === false
        ? {
            ruleId: VERIFY_RULES.celRule,
            level: 'error',
            fieldPath: path || undefined,
            message: `${where}: ${rule.message ?? `failed rule: ${rule.rule}`} (CEL rule \`${rule.rule}\`)`,
          }
        : {
            ruleId: VERIFY_RULES.celRule,
            level: 'warning',
            fieldPath: path || undefined,
            message: `${where}: the CEL rule \`${rule.rule}\` could not be evaluated here (${outcome.message}); it was not checked`,
          },
    );
  }
  return issues;
}

function evaluateRule(rule: CelRule, self: unknown, cache: CelProgramCache): boolean | Error {
  let program = cache.programs.get(rule.rule);
  if (!program) {
    try {
      program = cache.compile(rule.rule);
    } catch (error) {
      program = error instanceof Error ? error : new Error(String(error));
    }
    cache.programs.set(rule.rule, program);
  }
  if (program instanceof Error) return program;
  try {
    const result: unknown = program({ self });
    return result === true ? true : result === false ? false : new Error(`it returned ${String(result)}`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    // A missing key is a rule failure in the API server too (`no such key`).
    return /no such key/i.test(message) ? false : new Error(message);
  }
}
