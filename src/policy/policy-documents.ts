import { isUnknownValue, type UnknownValue } from '../iac/resource-model.js';
import { asRecord } from './values.js';

/** One IAM policy statement, normalised across JSON policies and Terraform policy documents. */
export interface PolicyStatement {
  effect: string;
  actions: unknown[];
  resources: unknown[];
  /** True when the statement names a principal: a resource-based policy (bucket, key, trust). */
  hasPrincipal: boolean;
  /** The statement as written, for condition checks. */
  raw: Record<string, unknown>;
}

/** The statements of a policy, or the expression that hides them. */
export type ReadPolicy =
  { kind: 'statements'; statements: PolicyStatement[] } | { kind: 'unknown'; value: UnknownValue };

const list = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

const pick = (record: Record<string, unknown>, ...keys: string[]): unknown =>
  keys.map((key) => record[key]).find((value) => value !== undefined);

/** A statement from JSON (`Effect`, `Action`) or a Terraform policy document block (`effect`, `actions`). */
function statementOf(raw: unknown): PolicyStatement | undefined {
  const record = asRecord(raw);
  if (!record) return undefined;
  const principals = pick(record, 'Principal', 'principals', 'NotPrincipal');
  return {
    effect: String(pick(record, 'Effect', 'effect') ?? 'Allow'),
    actions: list(pick(record, 'Action', 'actions', 'NotAction', 'not_actions')).flat(),
    resources: list(pick(record, 'Resource', 'resources', 'NotResource', 'not_resources')).flat(),
    hasPrincipal: principals !== undefined,
    raw: record,
  };
}

/**
 * Reads a policy written as a JSON string, an object (CloudFormation `PolicyDocument`, a YAML map)
 * or a Terraform `aws_iam_policy_document` body. Expressions the policy cannot evaluate (`jsonencode`
 * with references, a `data.*.json` reference, `!Sub`) are returned as unknown.
 */
export function readPolicy(value: unknown): ReadPolicy | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknownValue(value)) {
    const parsed = jsonencodeLiteral(value.expression);
    return parsed ? readPolicy(parsed) : { kind: 'unknown', value };
  }
  if (typeof value === 'string') {
    try {
      return readPolicy(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  const record = asRecord(value);
  if (!record) return undefined;
  const statements = list(pick(record, 'Statement', 'statement'))
    .map(statementOf)
    .filter((statement): statement is PolicyStatement => statement !== undefined);
  return { kind: 'statements', statements };
}

/** `${jsonencode({...})}` whose object is plain JSON-like HCL with no references: read it. */
function jsonencodeLiteral(expression: string): unknown {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression.trim());
  if (!match || /\$\{|\b(var|local|data|module)\./.test(match[1])) return undefined;
  const json = match[1]
    .replace(/^(\s*)"?([A-Za-z_][\w]*)"?\s*=/gm, '$1"$2":')
    .replace(/([{,]\s*)"?([A-Za-z_][\w]*)"?\s*=/g, '$1"$2":')
    .replace(/(["\]}\d]|true|false)[ \t]*\n(\s*["{[])/g, '$1,\n$2')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a statement denies requests that do not use TLS (`aws:SecureTransport` false). */
export function deniesInsecureTransport(statement: PolicyStatement): boolean {
  if (statement.effect.toLowerCase() !== 'deny') return false;
  const text = JSON.stringify(statement.raw);
  return /aws:SecureTransport/i.test(text) && /false/i.test(text);
}
