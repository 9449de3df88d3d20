import { isUnknownValue } from '../iac/resource-model.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { asRecord } from './values.js';

/** The longest a value can be, or the first part whose length cannot be bounded. */
export type LongestValue = { kind: 'known'; length: number } | { kind: 'unbounded'; part: string };

/** Upper bounds of CloudFormation pseudo parameters (AWS::StackName is at most 128 characters). */
const PSEUDO_PARAMETER_LENGTHS: Record<string, number> = {
  'AWS::AccountId': 12,
  'AWS::Region': 14,
  'AWS::Partition': 10,
  'AWS::URLSuffix': 16,
  'AWS::StackName': 128,
};

/**
 * The longest string a simple anchored regex accepts (`^[a-z][a-z0-9-]{1,18}$` → 20), or undefined
 * when it has alternation, groups or an unbounded quantifier.
 */
export function longestMatch(pattern: string): number | undefined {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (/[|()]/.test(body)) return undefined;
  const token = /(\[(?:\\.|[^\]])*\]|\\.|[^[\\{}?*+])(\{(\d+)(?:,(\d*))?\}|\?|\*|\+)?/gy;
  let total = 0;
  let consumed = 0;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    consumed = token.lastIndex;
    const quantifier = match[2];
    if (quantifier === '*' || quantifier === '+' || match[4] === '') return undefined;
    total += quantifier === undefined || quantifier === '?' ? 1 : Number(match[4] ?? match[3]);
  }
  return consumed === body.length ? total : undefined;
}

/** The longest value an input (Terraform variable, CFN parameter) can take, when its declaration bounds it. */
export function longestInput(parsed: ParsedSource, name: string): number | undefined {
  const input = parsed.inputs.find((candidate) => candidate.name === name);
  if (!input) return undefined;
  const declaration = input.declaration ?? {};
  const bounds: number[] = [];
  if (Array.isArray(input.allowed) && input.allowed.length)
    bounds.push(Math.max(...input.allowed.map((value) => String(value).length)));
  if (typeof declaration.MaxLength === 'number' || typeof declaration.MaxLength === 'string')
    bounds.push(Number(declaration.MaxLength));
  if (input.pattern) {
    const longest = longestMatch(input.pattern);
    if (longest !== undefined) bounds.push(longest);
  }
  for (const validation of Array.isArray(declaration.validation) ? declaration.validation : []) {
    const condition = String(asRecord(validation)?.condition ?? '');
    const contains = /contains\(\[([^\]]*)\],\s*var\.(\w+)\)/.exec(condition);
    if (contains?.[2] === name)
      bounds.push(
        Math.max(...contains[1].split(',').map((item) => item.trim().replace(/^"|"$/g, '').length)),
      );
    const length = new RegExp(`length\\(var\\.${name}\\)\\s*(<=?)\\s*(\\d+)`).exec(condition);
    if (length) bounds.push(Number(length[2]) - (length[1] === '<' ? 1 : 0));
    const regex = /regex\("((?:\\.|[^"])*)",\s*var\.(\w+)\)/.exec(condition);
    if (regex?.[2] === name) {
      const longest = longestMatch(regex[1].replace(/\\\\/g, '\\'));
      if (longest !== undefined) bounds.push(longest);
    }
  }
  return bounds.length ? Math.min(...bounds) : undefined;
}

/**
 * The longest a string-valued field can be: a literal's own length, or an interpolation whose every
 * part is bounded (`${var.env}-${var.team}-logs` in Terraform, `!Sub ${Env}-logs` in CloudFormation).
 */
export function longestValue(value: unknown, parsed: ParsedSource): LongestValue | undefined {
  if (typeof value === 'string') return { kind: 'known', length: value.length };
  if (!isUnknownValue(value)) return undefined;
  const expression = value.expression.trim();
  const terraform = /^[^$]*(\$\{[^}]*\}[^$]*)+$/.test(expression) && !expression.startsWith('!');
  const sub = /^(?:!Sub|Fn::Sub:)\s+(.*)$/s.exec(expression);
  const template = sub ? sub[1] : terraform ? expression : undefined;
  if (template === undefined) return { kind: 'unbounded', part: expression };
  let length = 0;
  const parts = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let match = parts.exec(template); match; match = parts.exec(template)) {
    length += match.index - last;
    last = parts.lastIndex;
    const inner = match[1].trim();
    const name = sub ? inner : /^var\.(\w+)$/.exec(inner)?.[1];
    const bound =
      name === undefined ? undefined : (PSEUDO_PARAMETER_LENGTHS[name] ?? longestInput(parsed, name));
    if (bound === undefined) return { kind: 'unbounded', part: match[0] };
    length += bound;
  }
  return { kind: 'known', length: length + template.length - last };
}
