import type { UnknownValue } from '../resource-model.js';

/**
 * Follows function-go-templating variables where their value is known without Go: `$x := ...`
 * assignments are substituted into the expressions that use them, a `dict` (with `set` and `merge`)
 * becomes a map whose values are literals or expressions, and reads of the composite's labels or
 * parameters are named as such. Sprig functions: https://masterminds.github.io/sprig/.
 */

/** The variables a template assigns, each with its expression (the first `:=`, then `=` reassignments). */
export type TemplateVariables = Map<string, string[]>;

/** A `dict` whose entries are known: literal strings or the expressions they were built from. */
export type KnownDict = Map<string, string>;

const ASSIGNMENT = /^\$([\w]+)\s*(:?=)\s*([\s\S]+)$/;
const SET_CALL = /^\$[\w]*\s*:?=\s*set\s+\$([\w]+)\s+("(?:[^"\\]|\\.)*")\s+([\s\S]+)$/;
const COMPOSITE = '.observed.composite.resource';
const MAX_DEPTH = 8;

/** Collects `{{ $name := expression }}` assignments and `set $dict "key" value` calls from the action texts. */
export function collectVariables(actions: string[]): {
  variables: TemplateVariables;
  sets: Map<string, Array<[string, string]>>;
} {
  const variables: TemplateVariables = new Map();
  const sets = new Map<string, Array<[string, string]>>();
  for (const action of actions) {
    const body = action.trim();
    const set = SET_CALL.exec(body);
    if (set) {
      const entries = sets.get(set[1]) ?? [];
      entries.push([JSON.parse(set[2]) as string, set[3].trim()]);
      sets.set(set[1], entries);
      continue;
    }
    const match = ASSIGNMENT.exec(body);
    if (!match || match[1] === '_') continue;
    const list = variables.get(match[1]) ?? [];
    if (match[2] === ':=' && list.length > 0) continue;
    list.push(match[3].trim());
    variables.set(match[1], list);
  }
  return { variables, sets };
}

const isSimplePath = (text: string): boolean => /^[.$]?[\w-]*(\.[\w-]+)*$/.test(text);

/** Substitutes variables whose value is one expression, recursively; reassigned ones are left as they are. */
export function expandVariables(expression: string, variables: TemplateVariables, depth = 0): string {
  if (depth > MAX_DEPTH) return expression;
  let changed = false;
  const expanded = expression.replace(/\$([\w]+)((?:\.[\w-]+)*)/g, (whole, name: string, rest: string) => {
    const values = variables.get(name);
    if (!values || values.length !== 1) return whole;
    changed = true;
    const value = values[0].replace(/^\((.*)\)$/s, '$1').trim();
    return isSimplePath(value) ? `${value}${rest}` : `(${value})${rest}`;
  });
  return changed ? expandVariables(normalise(expanded), variables, depth + 1) : normalise(expanded);
}

/** Writes `dig "metadata" "labels" (dict) $xr` and friends as the plain path they read. */
function normalise(expression: string): string {
  return expression.replace(
    /\(?\s*dig\s+"metadata"\s+"labels"\s+\(dict\)\s+\.observed\.composite\.resource\s*\)?/g,
    `${COMPOSITE}.metadata.labels`,
  );
}

/** What an expanded expression reads: a label of the composite, or one of its parameters. */
export function referenceOfExpression(expanded: string): UnknownValue['reference'] {
  const label =
    /(?:index|get)\s+\(?\.observed\.composite\.resource\.metadata\.labels\)?\s+"([^"]+)"/.exec(expanded) ??
    /\.observed\.composite\.resource\.metadata\.labels\.([\w-]+)/.exec(expanded);
  if (label) return { kind: 'label', name: label[1] };
  const parameter = /\.observed\.composite\.resource\.(spec\.parameters(?:\.[\w-]+)+)/.exec(expanded);
  if (parameter) return { kind: 'parameter', name: parameter[1] };
  return undefined;
}

/** Splits the arguments of a call: quoted strings, parenthesised groups and bare words. */
export function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (/\s/.test(character)) {
      index += 1;
      continue;
    }
    let end = index;
    if (character === '"') {
      end += 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      end += 1;
    } else if (character === '(') {
      let depth = 0;
      for (; end < text.length; end += 1) {
        if (text[end] === '(') depth += 1;
        else if (text[end] === ')' && --depth === 0) break;
      }
      end += 1;
    } else {
      while (end < text.length && !/\s/.test(text[end])) end += 1;
    }
    parts.push(text.slice(index, end));
    index = end;
  }
  return parts;
}

/** The dict a variable holds when it is built from `dict`, `merge` of known dicts, and `set` calls. */
export function knownDict(
  name: string,
  variables: TemplateVariables,
  sets: Map<string, Array<[string, string]>>,
  depth = 0,
): KnownDict | undefined {
  const values = variables.get(name);
  if (!values || values.length !== 1 || depth > MAX_DEPTH) return undefined;
  const result = dictOfExpression(values[0], variables, sets, depth);
  if (!result) return undefined;
  for (const [key, value] of sets.get(name) ?? []) result.set(key, value);
  return result;
}

/** The dict an expression builds: `dict "k" v ...`, `merge a b`, `mergeOverwrite a b`, or a known dict variable. */
function dictOfExpression(
  text: string,
  variables: TemplateVariables,
  sets: Map<string, Array<[string, string]>>,
  depth: number,
): KnownDict | undefined {
  const expression = text
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  if (/^\$[\w]+$/.test(expression)) return knownDict(expression.slice(1), variables, sets, depth + 1);
  const [call, ...rest] = splitArguments(expression);
  if (call === 'dict' && rest.length % 2 === 0) {
    const result: KnownDict = new Map();
    for (let index = 0; index < rest.length; index += 2) {
      if (!rest[index].startsWith('"')) return undefined;
      result.set(JSON.parse(rest[index]) as string, rest[index + 1]);
    }
    return result;
  }
  if (call !== 'merge' && call !== 'mergeOverwrite') return undefined;
  const parts = rest.map((part) => dictOfExpression(part, variables, sets, depth + 1));
  if (parts.some((part) => part === undefined)) return undefined;
  // sprig's merge keeps the first dict's value for a key; mergeOverwrite the last one's.
  const ordered = call === 'merge' ? [...parts].reverse() : parts;
  const result: KnownDict = new Map();
  for (const part of ordered) for (const [key, value] of part!) result.set(key, value);
  return result;
}

/** The dict an output action renders as a whole (`toJson $tags`, `$tags | toYaml`), when known. */
export function renderedDict(
  action: string,
  variables: TemplateVariables,
  sets: Map<string, Array<[string, string]>>,
  delimiters: { left: string; right: string } = { left: '{{', right: '}}' },
): KnownDict | undefined {
  const trimmed = action.trim();
  if (!trimmed.startsWith(delimiters.left) || !trimmed.endsWith(delimiters.right)) return undefined;
  const body = trimmed
    .slice(delimiters.left.length, trimmed.length - delimiters.right.length)
    .replace(/^-/, '')
    .replace(/-$/, '')
    .trim();
  // `| nindent 2` / `| indent 4` only lay the rendered YAML out
  const rendered = body.replace(/\s*\|\s*n?indent\s+\d+$/, '');
  const match =
    /^(?:toJson|toYaml|toRawJson|toPrettyJson)\s+\$([\w]+)$/.exec(rendered) ??
    /^\$([\w]+)\s*\|\s*(?:toJson|toYaml|toRawJson|toPrettyJson)$/.exec(rendered);
  return match ? knownDict(match[1], variables, sets) : undefined;
}

/**
 * A known dict as the resource model holds it: literal strings, numbers and booleans as themselves,
 * nested known dicts (`dict "forProvider" (dict "region" $p.region)`, or a variable holding one) as
 * objects, and anything else as an unknown expression.
 */
export function dictObject(
  dict: KnownDict,
  variables: TemplateVariables,
  sets: Map<string, Array<[string, string]>>,
  depth = 0,
): Record<string, unknown> {
  return Object.fromEntries(
    [...dict].map(([key, argument]) => {
      const nested = depth < MAX_DEPTH ? dictOfExpression(argument, variables, sets, depth + 1) : undefined;
      if (nested) return [key, dictObject(nested, variables, sets, depth + 1)];
      const bare = argument.trim();
      if (bare === 'true' || bare === 'false') return [key, bare === 'true'];
      if (/^-?\d+(\.\d+)?$/.test(bare)) return [key, Number(bare)];
      return [key, dictValue(argument, variables)];
    }),
  );
}

/** One value of a known dict, as the resource model holds it: a literal string, or an unknown expression. */
export function dictValue(argument: string, variables: TemplateVariables): string | UnknownValue {
  if (/^"(?:[^"\\]|\\.)*"$/.test(argument)) return JSON.parse(argument) as string;
  const expression = `{{ ${argument} }}`;
  const reference = referenceOfExpression(expandVariables(argument, variables));
  return { unknown: true, expression, ...(reference ? { reference } : {}) };
}

/** A condition on one XR parameter that an if branch assumes: `eq $p.environment "prod"` holds (or not). */
export interface ParameterCondition {
  /** `spec.parameters.environment` */
  parameter: string;
  equals: string;
  holds: boolean;
}

const PARAMETER_PATH = /^\(?\s*\.observed\.composite\.resource\.(spec(?:\.[\w-]+)+)\s*\)?$/;
const LITERAL = /^"((?:[^"\\]|\\.)*)"$/;

/**
 * What an if condition says about a parameter, when it compares one with a literal: `eq X "prod"`,
 * `eq "prod" X`, `ne X "prod"`, `not (eq X "prod")`, through variables. Variables are read at their
 * first assignment (`$x := ...`): a later `$x = ...` under `if hasKey $p "x"` is an override by an
 * optional parameter, and the branch is judged as the template's default.
 */
export function parameterCondition(
  condition: string,
  holds: boolean,
  variables: TemplateVariables,
): ParameterCondition | undefined {
  const first: TemplateVariables = new Map(
    [...variables].map(([name, values]) => [name, values.slice(0, 1)]),
  );
  let text = expandVariables(condition, first).trim();
  let truth = holds;
  for (;;) {
    const inner = /^\((.*)\)$/s.exec(text);
    const negated = /^not\s+(.*)$/s.exec(text);
    if (inner) text = inner[1].trim();
    else if (negated) {
      text = negated[1].trim();
      truth = !truth;
    } else break;
  }
  const comparison = /^(eq|ne)\s+(\S+|\([^()]*\))\s+(\S+|\([^()]*\))$/s.exec(text);
  if (!comparison) return undefined;
  const [, operator, left, right] = comparison;
  const path = PARAMETER_PATH.exec(left) ?? PARAMETER_PATH.exec(right);
  const literal = LITERAL.exec(right) ?? LITERAL.exec(left);
  if (!path || !literal) return undefined;
  return {
    parameter: path[1],
    equals: JSON.parse(`"${literal[1]}"`) as string,
    holds: operator === 'eq' ? truth : !truth,
  };
}
