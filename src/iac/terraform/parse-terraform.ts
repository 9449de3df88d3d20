import type { ParsedSource, Resource, UnknownValue } from '../resource-model.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';
import { jsonBlockLine, parseJsonSyntax } from './json-syntax.js';
import { createHclParser, type HclParser } from './hcl.js';
import { scanHclLines } from './line-scan.js';

/** Meta-arguments Terraform accepts on every resource; they go to `meta`, not the body. */
export const TERRAFORM_META_ARGUMENTS = [
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
];

const EXPRESSION = /\$\{([\s\S]*)\}/;

function referenceOf(expression: string): UnknownValue['reference'] {
  const match =
    expression.match(/^(var|local|data|module)\.([\w-]+)/) ??
    expression.match(/^([a-z][\w]*_[\w]+)\.([\w-]+)/);
  if (!match) return undefined;
  if (match[1] === 'var') return { kind: 'variable', name: match[2] };
  if (match[1] === 'local' || match[1] === 'module' || match[1] === 'data')
    return { kind: 'other', name: `${match[1]}.${match[2]}` };
  return { kind: 'resource', name: `${match[1]}.${match[2]}` };
}

/** Replaces `${...}` expression strings with unknown values, recursively. */
export function withUnknownValues(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = value.match(EXPRESSION);
    if (!match) return value;
    const whole = value.startsWith('${') && value.endsWith('}') && value.indexOf('${', 2) === -1;
    const reference = whole ? referenceOf(match[1].trim()) : undefined;
    const unknown: UnknownValue = { unknown: true, expression: value, ...(reference ? { reference } : {}) };
    return unknown;
  }
  if (Array.isArray(value)) return value.map(withUnknownValues);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUnknownValues(item)]));
  return value;
}

/** True for Terraform's JSON configuration syntax (`main.tf.json`). */
export const isJsonSyntax = (file: string): boolean => file.toLowerCase().endsWith('.tf.json');

/** Parses one Terraform .tf (or .tf.json) file into resources (managed and data sources) and variables. */
export async function parseTerraform(
  text: string,
  file: string,
  parser: HclParser = createHclParser(),
): Promise<Omit<ParsedSource, 'tool' | 'files'>> {
  let document;
  try {
    document = isJsonSyntax(file) ? parseJsonSyntax(text) : await parser.parse(file, text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = Number(message.match(/:(\d+),\d+/)?.[1] ?? 1);
    return {
      resources: [],
      inputs: [],
      errors: [{ location: { file, line }, message: message.split('\n')[0] }],
    };
  }
  const scanned = isJsonSyntax(file) ? [] : scanHclLines(text);
  const find = (labels: string[]) =>
    scanned.find((block) => block.labels.join('\u0000') === labels.join('\u0000')) ??
    (isJsonSyntax(file)
      ? { line: jsonBlockLine(text, labels[1], labels[2] ?? labels[1]) ?? 1, fieldLines: {} }
      : undefined);
  const resources: Resource[] = [];
  for (const [mode, section] of [
    ['resource', document.resource],
    ['data', document.data],
  ] as const) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) {
        const scan = find([mode, type, name]);
        for (const block of blocks) {
          const body: Record<string, unknown> = {};
          const meta: Record<string, unknown> = mode === 'data' ? { mode: 'data' } : {};
          for (const [key, value] of Object.entries(expandDynamicBlocks(block) as Record<string, unknown>)) {
            if (!TERRAFORM_META_ARGUMENTS.includes(key)) body[key] = withUnknownValues(value);
            else
              meta[key] =
                key === 'lifecycle' && Array.isArray(value)
                  ? withUnknownValues(value[0] ?? {})
                  : withUnknownValues(value);
          }
          resources.push({
            tool: 'terraform',
            type,
            name: mode === 'data' ? `data.${type}.${name}` : name,
            body,
            meta,
            location: { file, line: scan?.line ?? 1 },
            fieldLines: scan?.fieldLines ?? {},
          });
        }
      }
    }
  }
  const inputs = Object.entries(document.variable ?? {}).map(([name, blocks]) => {
    const variable = blocks[0] ?? {};
    const scan = find(['variable', name]);
    return {
      name,
      location: { file, line: scan?.line ?? 1 },
      ...(variable.default !== undefined ? { default: variable.default } : {}),
      declaration: variable,
    };
  });
  const outputs = Object.entries(document.output ?? {}).map(([name, blocks]) => ({
    name,
    location: { file, line: find(['output', name])?.line ?? 1 },
    declaration: blocks[0] ?? {},
  }));
  return {
    resources,
    inputs,
    ...(outputs.length ? { outputs } : {}),
    errors: [],
    ...terraformSettings(document, file, text),
  };
}

/** The `terraform {}` block: required_version and required_providers (read by the policy's pin rule). */
function terraformSettings(
  document: {
    terraform?: Array<Record<string, unknown>>;
    provider?: unknown;
    locals?: Array<Record<string, unknown>>;
  },
  file: string,
  text: string,
): Pick<ParsedSource, 'settings'> {
  const blocks = document.terraform ?? [];
  const lines = text.split('\n');
  const lineOf = (pattern: RegExp): number | undefined => {
    const index = lines.findIndex((line) => pattern.test(line));
    return index >= 0 ? index + 1 : undefined;
  };
  const requiredProviders: Record<string, { source?: string; version?: string; line?: number }> = {};
  let requiredVersion: string | undefined;
  let backend: { type: string; location: { file: string; line: number } } | undefined;
  for (const block of blocks) {
    const backendType = Object.keys(
      ((Array.isArray(block.backend) ? block.backend[0] : block.backend) ?? {}) as object,
    )[0];
    if (backendType)
      backend = {
        type: backendType,
        location: { file, line: lineOf(new RegExp(`^\\s*backend\\s+"${backendType}"`)) ?? 1 },
      };
    if (typeof block.required_version === 'string') requiredVersion = block.required_version;
    for (const entry of Array.isArray(block.required_providers) ? block.required_providers : []) {
      for (const [name, raw] of Object.entries((entry ?? {}) as Record<string, unknown>)) {
        const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
        requiredProviders[name] = {
          ...(typeof value.source === 'string' ? { source: value.source } : {}),
          ...(typeof value.version === 'string' ? { version: value.version } : {}),
          ...(lineOf(new RegExp(`^\\s*${name}\\s*=`))
            ? { line: lineOf(new RegExp(`^\\s*${name}\\s*=`)) }
            : {}),
        };
      }
    }
  }
  const providerBlocks = (document.provider ?? {}) as Record<string, Array<Record<string, unknown>>>;
  const providers = Object.entries(providerBlocks).flatMap(([name, bodies]) =>
    bodies.map((body) => ({
      name,
      body,
      location: { file, line: lineOf(new RegExp(`^\\s*provider\\s+"${name}"`)) ?? 1 },
    })),
  );
  // Locals as hcl2json gives them (expressions as `${...}` strings): the policy evaluates tag merges from them.
  const locals = (document.locals ?? []).flatMap((block) =>
    Object.entries(block).map(([name, value]) => ({ name, value, file })),
  );
  const hasLocals = locals.length > 0;
  if (blocks.length === 0 && providers.length === 0 && !hasLocals) return {};
  return {
    settings: {
      terraform: {
        present: blocks.length > 0,
        location: { file, line: lineOf(/^\s*terraform\s*\{/) ?? 1 },
        ...(requiredVersion ? { requiredVersion } : {}),
        requiredProviders,
        ...(providers.length ? { providers } : {}),
        ...(backend ? { backend } : {}),
        ...(hasLocals ? { locals } : {}),
      },
    },
  };
}
