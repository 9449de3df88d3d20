import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ParsedSource, Resource } from '../resource-model.js';
import { aliasLimitProblem } from '../yaml/alias-limits.js';
import { convertNode, type ConvertedNode, type UnknownRules } from '../yaml/node-to-value.js';
import { quickReadYaml, quickTags, type QuickRead, type QuickTags } from '../yaml/quick-read.js';
import { FieldLineIndex } from '../field-line-index.js';
import { expandForEach } from './for-each.js';
import { intrinsicTags, SHORT_FORM_INTRINSICS, unknownFromObject, unknownFromTag } from './intrinsics.js';
import { preprocessingNeeded } from './preprocessing.js';

/** Resource attributes kept in `meta` rather than the Properties body. */
const RESOURCE_ATTRIBUTES = [
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Condition',
  'DependsOn',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
];

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** What a template declares, for the checks of its references (one object shared by its resources). */
export interface TemplateDeclarations {
  parameters: string[];
  /** Parameter name → its literal `Default`, for the parameters that have one. */
  parameterDefaults: Record<string, unknown>;
  /** Logical id → resource type. */
  resources: Record<string, string>;
  conditions: string[];
  mappings: string[];
  /** `Fn::ForEach` identifiers (a `!Ref Name` inside a loop names the item) and whether any loop exists. */
  loopIdentifiers: string[];
}

function templateDeclarations(
  template: Record<string, unknown>,
  expanded: ReturnType<typeof expandForEach>,
): TemplateDeclarations {
  const loopIdentifiers: string[] = [];
  const collect = (section: unknown): void => {
    for (const [key, value] of Object.entries(asRecord(section)))
      if (key.startsWith('Fn::ForEach::') && Array.isArray(value)) {
        if (typeof value[0] === 'string') loopIdentifiers.push(value[0]);
        collect(value[2]);
      }
  };
  collect(template.Resources);
  return {
    parameters: Object.keys(asRecord(template.Parameters)),
    parameterDefaults: Object.fromEntries(
      Object.entries(asRecord(template.Parameters))
        .map(([name, parameter]) => [name, asRecord(parameter).Default] as const)
        .filter(([, value]) => value !== undefined),
    ),
    resources: Object.fromEntries(
      expanded.map(({ logicalId, definition }) => [logicalId, String(asRecord(definition).Type ?? '')]),
    ),
    conditions: Object.keys(asRecord(template.Conditions)),
    mappings: Object.keys(asRecord(template.Mappings)),
    loopIdentifiers,
  };
}

/** True when parsed data looks like a CloudFormation template. */
export function looksLikeCloudFormation(data: unknown): boolean {
  const record = asRecord(data);
  if ('AWSTemplateFormatVersion' in record) return true;
  const resources = asRecord(record.Resources);
  return Object.values(resources).some((resource) =>
    /^(AWS|Custom|Alexa)::/.test(String(asRecord(resource).Type ?? '')),
  );
}

/** A template's YAML document (short-form intrinsics as tags) and the line counter of its text. */
export interface CloudFormationDocument {
  kind: 'document';
  document: Document;
  lineCounter: LineCounter;
}

/** A template read by quickReadTemplate (block-style YAML): its values and lines, already converted. */
export interface QuickCloudFormationRead extends QuickRead {
  kind: 'quick';
}

/** How a template's text was read: quickly, or by the `yaml` parser. */
export type CloudFormationRead = CloudFormationDocument | QuickCloudFormationRead;

/** The rules that turn intrinsics (short and long form) into unknown values. */
const INTRINSIC_RULES: UnknownRules = { tag: unknownFromTag, value: unknownFromObject };
/** The short-form intrinsics as tags of the quick read (made on first use). */
let intrinsicQuickTags: QuickTags | undefined;

/** The last text read by readCloudFormation: detection, then the parse, read a template once. */
let lastRead: { text: string; read: CloudFormationRead } | undefined;
const REMEMBERED_TEXT_LENGTH = 4 * 1024 * 1024;

/**
 * Reads a text as a CloudFormation template's YAML (JSON included): quickly when it is plain
 * block-style YAML (yaml/quick-read.ts, the same values and lines), else with the `yaml` parser. The read
 * of the last text is remembered (one, of at most 4 MiB): `parsesAsCloudFormation` (detect.ts) reads
 * a file to decide what it is and `parseCloudFormation` reads it again, which was a third of a
 * `verify` of a 50-resource template. Neither changes what was read.
 */
export function readCloudFormation(text: string): CloudFormationRead {
  if (lastRead?.text === text) return lastRead.read;
  const quick = quickReadYaml(
    text,
    (intrinsicQuickTags ??= quickTags(SHORT_FORM_INTRINSICS)),
    INTRINSIC_RULES,
  );
  const read: CloudFormationRead = quick ? { kind: 'quick', ...quick } : cloudFormationDocument(text);
  lastRead = text.length <= REMEMBERED_TEXT_LENGTH ? { text, read } : undefined;
  return read;
}

/** A text read by the `yaml` parser, short-form intrinsics as custom tags. */
export function cloudFormationDocument(text: string): CloudFormationDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    customTags: intrinsicTags(),
    prettyErrors: false,
    uniqueKeys: false,
  });
  return { kind: 'document', document, lineCounter };
}

/** Parses a CloudFormation template (YAML with short-form intrinsics, or JSON). */
export function parseCloudFormation(text: string, file: string): Omit<ParsedSource, 'tool' | 'files'> {
  const read = readCloudFormation(text);
  let converted: ConvertedNode;
  if (read.kind === 'quick') converted = read.converted;
  else {
    const { document, lineCounter } = read;
    const errors: ParsedSource['errors'] = document.errors.map((error) => ({
      location: { file, line: lineCounter.linePos(error.pos[0]).line },
      message: error.message.split('\n')[0],
    }));
    if (document.errors.length) return { resources: [], inputs: [], errors };
    const aliasProblem = aliasLimitProblem(document);
    if (aliasProblem)
      return {
        resources: [],
        inputs: [],
        errors: [{ location: { file, line: 1 }, message: `refused to read ${file}: ${aliasProblem}` }],
      };
    converted = convertNode(document.contents, lineCounter, INTRINSIC_RULES, '', 0, document);
  }
  const template = asRecord(converted.value);
  const lines = converted.fieldLines;
  const linesIndex = new FieldLineIndex(lines);
  const needsExpansion = preprocessingNeeded(template, text);
  const expanded = expandForEach(asRecord(template.Resources));
  const declared = templateDeclarations(template, expanded);
  const resources: Resource[] = expanded.map(({ logicalId, definition: raw, path }, index) => {
    const definition = asRecord(raw);
    const type = typeof definition.Type === 'string' ? definition.Type : '';
    const meta: Record<string, unknown> = {};
    for (const attribute of RESOURCE_ATTRIBUTES)
      if (attribute in definition) meta[attribute] = definition[attribute];
    // `Version` is a legal attribute of custom resources (cfn-lint accepts it).
    const custom = type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
    const unknownAttributes = Object.keys(definition).filter(
      (key) =>
        key !== 'Type' &&
        key !== 'Properties' &&
        !RESOURCE_ATTRIBUTES.includes(key) &&
        !(custom && key === 'Version'),
    );
    if (unknownAttributes.length) meta.unknownAttributes = unknownAttributes;
    meta.template = declared;
    if (needsExpansion) {
      meta.needsExpansion = needsExpansion;
      if (index === 0) meta.reportExpansion = true;
    }
    return {
      tool: 'cloudformation' as const,
      type,
      name: logicalId,
      body: asRecord(definition.Properties),
      meta,
      location: { file, line: lines[path] ?? 1 },
      fieldLines: {
        ...linesIndex.under(`${path}.Properties`),
        ...Object.fromEntries(
          Object.entries(linesIndex.under(path))
            .filter(([field]) => !field.startsWith('Properties'))
            .map(([field, line]) => [`@${field}`, line]),
        ),
      },
    };
  });
  const inputs = Object.entries(asRecord(template.Parameters)).map(([name, raw]) => {
    const parameter = asRecord(raw);
    return {
      name,
      location: { file, line: lines[`Parameters.${name}`] ?? 1 },
      ...(parameter.Default !== undefined ? { default: parameter.Default } : {}),
      ...(Array.isArray(parameter.AllowedValues) ? { allowed: parameter.AllowedValues } : {}),
      ...(typeof parameter.AllowedPattern === 'string' ? { pattern: parameter.AllowedPattern } : {}),
      declaration: parameter,
    };
  });
  const outputs = Object.entries(asRecord(template.Outputs)).map(([name, raw]) => ({
    name,
    location: { file, line: lines[`Outputs.${name}`] ?? 1 },
    declaration: asRecord(raw),
  }));
  return { resources, inputs, ...(outputs.length ? { outputs } : {}), errors: [] };
}
