import { dirname } from 'node:path/posix';
import { withUnknownValues } from '../iac/terraform/parse-terraform.js';
import { isUnknownValue, type ParsedSource, type Resource } from '../iac/resource-model.js';
import { asRecord } from './values.js';

/**
 * The tag keys a Terraform expression is known to produce, and the parts of it that may add more.
 * Values are what hcl2json gives (expressions as unknown values), so the tag-source rule can read them.
 */
export interface EvaluatedTags {
  keys: Map<string, unknown>;
  /** Sub-expressions the evaluator could not read (a variable without default, a function call ...). */
  opaque: string[];
}

interface Scope {
  locals: Map<string, unknown>;
  variables: Map<string, unknown>;
  /** Keys a variable's validation block requires (`contains(keys(var.tags), "owner")`). */
  requiredKeys: Map<string, string[]>;
}

/**
 * Keys a map variable must hold for `terraform plan` to pass: `contains(keys(var.x), "k")`, and
 * `alltrue([for key in ["a", "b"] : contains(keys(var.x), key)])`.
 */
export function validatedKeys(name: string, declaration: Record<string, unknown> | undefined): string[] {
  const keys: string[] = [];
  const validations = declaration?.validation;
  for (const validation of Array.isArray(validations) ? validations : []) {
    const condition = String(asRecord(validation)?.condition ?? '');
    const target = `contains\\(keys\\(var\\.${name}\\),\\s*`;
    for (const match of condition.matchAll(new RegExp(`${target}"([^"]+)"\\)`, 'g'))) keys.push(match[1]);
    const loop = new RegExp(`for\\s+(\\w+)\\s+in\\s+\\[([^\\]]*)\\]\\s*:\\s*${target}(\\w+)\\)`).exec(
      condition,
    );
    if (loop && loop[1] === loop[3] && /^alltrue\(/.test(condition.replace(/^\$\{/, '').trim()))
      keys.push(...[...loop[2].matchAll(/"([^"]+)"/g)].map((item) => item[1]));
  }
  return keys;
}

const MAX_DEPTH = 8;
const OPENERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Splits at top-level separators (commas, and newlines in object bodies), respecting brackets and strings. */
function splitTopLevel(text: string, newlines: boolean): string[] {
  const parts: string[] = [];
  // Closers of open brackets; `$}` closes a `${` inside a string, after which the string goes on.
  const stack: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    current += char;
    if (quoted) {
      if (char === '\\') {
        current += text[index + 1] ?? '';
        index += 1;
      } else if (char === '$' && text[index + 1] === '{') {
        current += '{';
        index += 1;
        stack.push('$}');
        quoted = false;
      } else if (char === '"') quoted = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (char === '"') quoted = true;
    else if (OPENERS[char]) stack.push(OPENERS[char]);
    else if (top && char === top.slice(-1)) {
      stack.pop();
      if (top === '$}') quoted = true;
    } else if (stack.length === 0 && (char === ',' || (newlines && char === '\n'))) {
      parts.push(current.slice(0, -1));
      current = '';
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** An HCL value expression as hcl2json would give it: a quoted literal as a string, anything else as an expression. */
function valueOf(text: string): unknown {
  const quoted = /^"((?:\\.|[^"\\])*)"$/.exec(text);
  if (quoted) return withUnknownValues(quoted[1].replace(/\\"/g, '"'));
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return withUnknownValues(`\${${text}}`);
}

/** Reads `{ Key = value, "Other" = value }`; keys in parentheses (computed) are opaque. */
function objectLiteral(body: string): EvaluatedTags {
  const keys = new Map<string, unknown>();
  const opaque: string[] = [];
  for (const raw of splitTopLevel(body, true)) {
    // comment lines, and a trailing comment after the value (outside quotes)
    if (/^(#|\/\/)/.test(raw)) continue;
    const entry = raw.replace(/\s+(#|\/\/)[^"]*$/, '');
    const match = /^("(?:\\.|[^"\\])*"|[A-Za-z_][\w-]*)\s*[=:]\s*([\s\S]+)$/.exec(entry);
    if (!match) {
      opaque.push(entry);
      continue;
    }
    const key = match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : match[1];
    keys.set(key, valueOf(match[2].trim()));
  }
  return { keys, opaque };
}

/** A value hcl2json already parsed (a local or a variable default): a map, or an expression string. */
function evaluateValue(value: unknown, scope: Scope, depth: number, label: string): EvaluatedTags {
  if (typeof value === 'string' && value.startsWith('${') && value.endsWith('}'))
    return evaluate(value.slice(2, -1), scope, depth + 1);
  const record = asRecord(Array.isArray(value) && value.length === 1 ? value[0] : value);
  if (!record) return { keys: new Map(), opaque: [label] };
  return {
    keys: new Map(Object.entries(record).map(([key, item]) => [key, withUnknownValues(item)])),
    opaque: [],
  };
}

function evaluate(expression: string, scope: Scope, depth: number): EvaluatedTags {
  const text = expression.trim();
  if (depth > MAX_DEPTH) return { keys: new Map(), opaque: [text] };
  const merge = /^merge\s*\(([\s\S]*)\)$/.exec(text);
  if (merge && splitTopLevel(merge[1], false).join(',').length > 0) {
    const result: EvaluatedTags = { keys: new Map(), opaque: [] };
    for (const argument of splitTopLevel(merge[1], false)) {
      const part = evaluate(argument, scope, depth + 1);
      for (const [key, value] of part.keys) result.keys.set(key, value);
      result.opaque.push(...part.opaque);
    }
    return result;
  }
  if (text.startsWith('{') && text.endsWith('}')) return objectLiteral(text.slice(1, -1));
  const reference = /^(local|var)\.([\w-]+)$/.exec(text);
  if (reference) {
    const values = reference[1] === 'local' ? scope.locals : scope.variables;
    const required = reference[1] === 'var' ? (scope.requiredKeys.get(reference[2]) ?? []) : [];
    if (!values.has(reference[2]) && required.length === 0) return { keys: new Map(), opaque: [text] };
    const evaluated = values.has(reference[2])
      ? evaluateValue(values.get(reference[2]), scope, depth, text)
      : // Only the validated keys are known; the caller may pass more.
        { keys: new Map<string, unknown>(), opaque: [text] };
    if (reference[1] === 'local') return evaluated;
    for (const key of required) evaluated.keys.set(key, undefined);
    // A variable's default is what is deployed unless overridden; its values read as var.<name>[key].
    return {
      keys: new Map(
        [...evaluated.keys.keys()].map((key) => [
          key,
          {
            unknown: true,
            expression: `var.${reference[2]}["${key}"]`,
            reference: { kind: 'variable', name: reference[2] },
          },
        ]),
      ),
      opaque: evaluated.opaque,
    };
  }
  return { keys: new Map(), opaque: [text] };
}

const sameModule = (file: string, resource: Resource): boolean =>
  dirname(file) === dirname(resource.location.file);

function scopeOf(parsed: ParsedSource, resource: Resource): Scope {
  const locals = new Map<string, unknown>();
  for (const local of parsed.settings?.terraform?.locals ?? [])
    if (sameModule(local.file, resource)) locals.set(local.name, local.value);
  const variables = new Map<string, unknown>();
  const requiredKeys = new Map<string, string[]>();
  for (const input of parsed.inputs) {
    if (!input.location || !sameModule(input.location.file, resource)) continue;
    if (input.default !== undefined) variables.set(input.name, input.default);
    const keys = validatedKeys(input.name, input.declaration);
    if (keys.length) requiredKeys.set(input.name, keys);
  }
  return { locals, variables, requiredKeys };
}

/** Evaluates a resource's `tags` expression (`merge(local.required_tags, {...})`, `local.tags`, `var.tags`). */
export function evaluateTerraformTags(
  expression: string,
  parsed: ParsedSource,
  resource: Resource,
): EvaluatedTags {
  const text = expression.trim();
  const inner = text.startsWith('${') && text.endsWith('}') ? text.slice(2, -1) : text;
  return evaluate(inner, scopeOf(parsed, resource), 0);
}

/**
 * The `default_tags` of the AWS provider configuration the resource uses (its `provider = aws.<alias>`,
 * else the default `provider "aws"` of its module), evaluated like resource tags. Undefined when there is none.
 */
export function providerDefaultTags(parsed: ParsedSource, resource: Resource): EvaluatedTags | undefined {
  if (!resource.type.startsWith('aws_')) return undefined;
  const chosen = resource.meta.provider;
  const alias = isUnknownValue(chosen) ? /^\$\{aws\.([\w-]+)\}$/.exec(chosen.expression)?.[1] : undefined;
  const matching = (parsed.settings?.terraform?.providers ?? []).filter(
    (candidate) =>
      candidate.name === 'aws' &&
      (alias ? candidate.body.alias === alias : candidate.body.alias === undefined),
  );
  const provider = matching.find((candidate) => sameModule(candidate.location.file, resource));
  if (!provider) {
    // A module without its own provider block inherits the caller's: another folder's default_tags
    // apply only if that root calls this module, which the source does not say.
    const inherited = matching.find((candidate) => candidate.body.default_tags !== undefined);
    return inherited
      ? {
          keys: new Map(),
          opaque: [
            `the default_tags of provider "aws" in ${inherited.location.file}, if that root module calls this one`,
          ],
        }
      : undefined;
  }
  const block = provider?.body.default_tags;
  const tags = asRecord(Array.isArray(block) ? block[0] : block)?.tags;
  if (tags === undefined) return undefined;
  return evaluateValue(tags, scopeOf(parsed, resource), 0, 'provider default_tags');
}
