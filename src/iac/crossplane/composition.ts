import { isScalar, type Document, type LineCounter } from 'yaml';
import { isUnknownValue, type ParsedSource, type Resource, type UnknownValue } from '../resource-model.js';
import type { UnknownRules } from '../yaml/node-to-value.js';
import { fieldLinesUnder, manifestResource } from '../kubernetes/manifest-resource.js';
import type { ManifestParse } from '../kubernetes/parse-documents.js';
import { parseTemplateDocument } from '../kubernetes/parse-template-document.js';
import { patchSetsOf, patchTargetsOf } from './patches.js';
import { markSpreadLines, spreadMarkedKeys } from './spread-actions.js';
import {
  PLACEHOLDER_PATTERN,
  readGoTemplate,
  restoreExpressions,
  type TemplateDelimiters,
} from './go-template.js';
import {
  collectVariables,
  dictObject,
  expandVariables,
  parameterCondition,
  referenceOfExpression,
  type ParameterCondition,
  type TemplateVariables,
  renderedDict,
} from './template-values.js';

/** Groups whose objects are instructions to function-go-templating, not composed resources. */
const TEMPLATE_META_GROUP = 'meta.gotemplating.fn.crossplane.io';

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The resources a Composition composes: inline go-templates and patch-and-transform bases. */
export function compositionResources(
  composition: Resource,
  document: Document,
  lineCounter: LineCounter,
  file: string,
): { resources: Resource[]; errors: ParsedSource['errors'] } {
  const spec = asRecord(composition.body.spec);
  const resources: Resource[] = [];
  const errors: ParsedSource['errors'] = [];
  const fieldLines = composition.fieldLines ?? {};
  const legacy = Array.isArray(spec.resources) ? spec.resources : [];
  resources.push(
    ...baseResources(
      legacy,
      'spec.resources',
      patchSetsOf(spec),
      fieldLines,
      file,
      composition.name,
      undefined,
    ),
  );
  const pipeline = Array.isArray(spec.pipeline) ? spec.pipeline : [];
  pipeline.forEach((rawStep, stepIndex) => {
    const step = asRecord(rawStep);
    const stepName = typeof step.step === 'string' ? step.step : `step-${stepIndex + 1}`;
    const input = asRecord(step.input);
    const apiVersion = typeof input.apiVersion === 'string' ? input.apiVersion : '';
    if (Array.isArray(input.resources)) {
      resources.push(
        ...baseResources(
          input.resources,
          `spec.pipeline[${stepIndex}].input.resources`,
          patchSetsOf(input),
          fieldLines,
          file,
          composition.name,
          stepName,
        ),
      );
    }
    if (!apiVersion.startsWith('gotemplating.fn.crossplane.io/')) return;
    const template = asRecord(input.inline).template;
    if (typeof template !== 'string') return;
    const node = document.getIn(['spec', 'pipeline', stepIndex, 'input', 'inline', 'template'], true);
    const headerLine =
      isScalar(node) && node.range
        ? lineCounter.linePos(node.range[0]).line
        : (fieldLines[`spec.pipeline[${stepIndex}].input.inline.template`] ?? 1);
    const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    const delims = asRecord(input.delims);
    const parsed = templateResources(
      template,
      file,
      block ? headerLine : headerLine - 1,
      composition.name,
      stepName,
      typeof delims.left === 'string' && typeof delims.right === 'string'
        ? { left: delims.left, right: delims.right }
        : undefined,
    );
    resources.push(...parsed.resources);
    errors.push(...parsed.errors);
  });
  return { resources, errors };
}

function baseResources(
  entries: unknown[],
  prefix: string,
  patchSets: Map<string, unknown[]>,
  fieldLines: Record<string, number>,
  file: string,
  composition: string,
  step: string | undefined,
): Resource[] {
  const resources: Resource[] = [];
  entries.forEach((rawEntry, index) => {
    const entry = asRecord(rawEntry);
    const base = asRecord(entry.base);
    if (!('apiVersion' in base)) return;
    const basePath = `${prefix}[${index}].base`;
    const name = typeof entry.name === 'string' ? entry.name : `resource-${index + 1}`;
    const line = fieldLines[basePath] ?? fieldLines[`${prefix}[${index}]`] ?? 1;
    const resource = manifestResource(base, { file, line }, fieldLinesUnder(fieldLines, basePath), name, {
      composition,
      ...(step ? { step } : {}),
    });
    resource.name = name;
    const patches = Array.isArray(entry.patches) ? entry.patches : [];
    const targets = patchTargetsOf(
      patches,
      patchSets,
      (patchIndex) => fieldLines[`${prefix}[${index}].patches[${patchIndex}]`] ?? line,
    );
    if (targets.length) resource.meta.patchTargets = targets;
    resources.push(resource);
  });
  return resources;
}

/** Reads an inline go-template: every branch variant, deduplicated, with file lines. */
export function templateResources(
  template: string,
  file: string,
  lineOffset: number,
  composition: string,
  step: string,
  delimiters?: TemplateDelimiters,
): { resources: Resource[]; errors: ParsedSource['errors'] } {
  const read = readGoTemplate(markSpreadLines(template, delimiters), delimiters);
  // Variables are followed per reading: an assignment inside a branch counts in the variants that take it.
  const rulesFor = (assignments: string[]): { rules: UnknownRules; variables: TemplateVariables } => {
    const { variables, sets } = collectVariables(assignments);
    const rules: UnknownRules = {
      value: (value) => {
        if (typeof value !== 'string' || !value.match(PLACEHOLDER_PATTERN)) return undefined;
        const expression = restoreExpressions(value, read.expressions);
        const dict = /^__ikvalue\d+__$/.test(value.trim())
          ? renderedDict(expression, variables, sets, delimiters)
          : undefined;
        if (dict) return dictObject(dict, variables, sets);
        const reference = referenceOfExpression(expandVariables(expression, variables));
        const unknown: UnknownValue = { unknown: true, expression, ...(reference ? { reference } : {}) };
        return unknown;
      },
      key: (key) => restoreExpressions(key, read.expressions),
    };
    return { rules, variables };
  };
  const errors: ParsedSource['errors'] = read.problems.map((problem) => ({
    location: { file, line: problem.line + lineOffset },
    message: `go-template: ${problem.message}`,
  }));
  const seen = new Map<string, Resource>();
  /** The parameter conditions of each variant a resource appears in (one list per variant). */
  const branchesOf = new Map<string, ParameterCondition[][]>();
  const seenErrors = new Set<string>();
  const parsedDocuments = new Map<string, ManifestParse>();
  /** Each composed resource read, and its key among the variants (undefined: not a composed resource). */
  const prepared = new Map<Resource, string | undefined>();
  for (const variant of read.variants) {
    const branch = read.variants.length > 1 ? `branch ${variant.branch + 1} of every if/else` : undefined;
    const { rules, variables } = rulesFor(variant.assignments);
    const assignmentsKey = JSON.stringify(variant.assignments);
    const assumed = variant.conditions
      .map((condition) => parameterCondition(condition.expression, condition.holds, variables))
      .filter((condition): condition is ParameterCondition => condition !== undefined);
    const parsed: ManifestParse = { resources: [], errors: [] };
    for (const document of splitDocuments(variant.text)) {
      const cacheKey = `${document.startLine}\u0000${document.text}\u0000${assignmentsKey}`;
      let documentParse = parsedDocuments.get(cacheKey);
      if (!documentParse) {
        documentParse = parseTemplateDocument(document.text, file, {
          lineOffset: lineOffset + document.startLine,
          rules,
          origin: { composition, step, ...(branch ? { branch } : {}) },
        });
        parsedDocuments.set(cacheKey, documentParse);
      }
      parsed.resources.push(...documentParse.resources);
      parsed.errors.push(...documentParse.errors);
    }
    for (const error of parsed.errors) {
      const key = `${error.location.line}:${error.message}`;
      if (!seenErrors.has(key))
        errors.push({ ...error, message: `in the go-template of step ${step}: ${error.message}` });
      seenErrors.add(key);
    }
    for (const resource of parsed.resources) {
      // A document no branch changes is parsed once and its resource comes back in every variant:
      // it is prepared once, and only counted again for the variant's conditions.
      let key = prepared.get(resource);
      if (!prepared.has(resource)) {
        key = preparedKey(resource, read.injectedLines, lineOffset);
        prepared.set(resource, key);
      }
      if (key === undefined) continue;
      if (!seen.has(key)) seen.set(key, resource);
      branchesOf.set(key, [...(branchesOf.get(key) ?? []), assumed]);
    }
  }
  for (const [key, resource] of seen) {
    const branches = branchesOf.get(key) ?? [];
    // Only a resource that some readings leave out depends on the parameters: one in every reading never does.
    if (branches.length < read.variants.length && branches.every((conditions) => conditions.length > 0))
      resource.meta.parameterBranches = branches;
  }
  return { resources: [...seen.values()], errors };
}

/**
 * Prepares a resource read from a go-template document (spreads its marked keys, notes injected
 * content) and returns its key among the variants, or undefined when it is not a composed resource.
 */
function preparedKey(resource: Resource, injectedLines: number[], lineOffset: number): string | undefined {
  if (resource.apiVersion?.startsWith(`${TEMPLATE_META_GROUP}/`)) return undefined;
  if (isCompositeStatus(resource)) return undefined;
  spreadMarkedKeys(resource);
  const lines = Object.values(resource.fieldLines ?? {});
  const end = Math.max(resource.location.line, ...lines) + 1;
  if (injectedLines.some((line) => line + lineOffset >= resource.location.line && line + lineOffset <= end))
    resource.meta.templateInjectsContent = true;
  return `${resource.location.line}\u0000${resource.type}\u0000${JSON.stringify(resource.body)}`;
}

/**
 * The document a go-template writes to update the XR's status (function-go-templating): it reads
 * `apiVersion`/`kind` from the observed composite, or holds nothing but `status`. It is not a composed
 * resource, so it is neither verified as one nor reported as a resource without a kind.
 */
function isCompositeStatus(resource: Resource): boolean {
  const readsComposite = (value: unknown) =>
    isUnknownValue(value) && /\.observed\.composite\.resource\.(apiVersion|kind)\b/.test(value.expression);
  const keys = Object.keys(resource.body).filter((key) => key !== 'apiVersion' && key !== 'kind');
  const onlyStatus = keys.length > 0 && keys.every((key) => key === 'status');
  return onlyStatus && (readsComposite(resource.body.apiVersion) || readsComposite(resource.body.kind));
}

/** Splits a multi-document YAML text at `---` lines, keeping each document's starting line offset. */
function splitDocuments(text: string): Array<{ text: string; startLine: number }> {
  const lines = text.split('\n');
  const documents: Array<{ text: string; startLine: number }> = [];
  let start = 0;
  for (let index = 0; index <= lines.length; index += 1) {
    if (index === lines.length || /^---\s*$/.test(lines[index])) {
      const chunk = lines.slice(start, index).join('\n');
      if (chunk.trim()) documents.push({ text: chunk, startLine: start });
      start = index + 1;
    }
  }
  return documents;
}
