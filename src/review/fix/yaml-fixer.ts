import { applyPatch, structuredPatch } from 'diff';
import { isMap, isSeq, Pair, parseDocument, YAMLMap, type Document } from 'yaml';
import type { ParsedSource } from '../../iac/resource-model.js';
import { skeletonDescription } from '../../policy/declaration-fixes.js';
import { requirePatchPolicy } from './patch-policy.js';
import { fixLabel, type FixerInput, type FixerOutput, type PlannedFix, type TagValue } from './fix-types.js';

const lastSegment = (name: string): string => name.split(/[./]/).pop() ?? name;

/** The CloudFormation parameter a tag sourced from `from` should reference, if the template declares it. */
function parameterFor(tag: TagValue, parsed: ParsedSource, file: string): string | undefined {
  const wanted = lastSegment(tag.from ?? '').toLowerCase();
  return parsed.inputs.find((input) => input.location?.file === file && input.name.toLowerCase() === wanted)
    ?.name;
}

/** Declares the String parameter a tag's source names (once per template), with the constraint its name calls for. */
function declareParameter(document: Document, tag: TagValue): string | undefined {
  const name = lastSegment(tag.from ?? '');
  if (!/^[A-Za-z0-9]+$/.test(name)) return undefined;
  if (!document.hasIn(['Parameters', name]))
    document.setIn(
      ['Parameters', name],
      document.createNode({
        Type: 'String',
        Description: skeletonDescription(name),
        ...(tag.constraint ? { [tag.constraint.key]: tag.constraint.value } : {}),
      }),
    );
  return name;
}

/** The YAML path of a resource's arguments and its meta level, per tool. */
function basePaths(
  fix: PlannedFix,
  documents: Document[],
): { document: Document; argumentsPath: string[]; metaPath: string[] } | undefined {
  const resource = fix.resource;
  if (fix.autofix.kind === 'declare-input')
    return resource.tool === 'cloudformation'
      ? { document: documents[0], argumentsPath: ['Parameters'], metaPath: ['Parameters'] }
      : undefined;
  if (fix.autofix.kind === 'declaration') {
    const section =
      resource.type === 'parameter' ? 'Parameters' : resource.type === 'output' ? 'Outputs' : undefined;
    return section && resource.tool === 'cloudformation'
      ? {
          document: documents[0],
          argumentsPath: [section, resource.name],
          metaPath: [section, resource.name],
        }
      : undefined;
  }
  if (resource.tool === 'cloudformation')
    return {
      document: documents[0],
      argumentsPath: ['Resources', resource.name, 'Properties'],
      metaPath: ['Resources', resource.name],
    };
  if (resource.origin?.composition) return undefined;
  const document = documents.find(
    (candidate) =>
      candidate.getIn(['kind']) === resource.kind &&
      (candidate.getIn(['metadata', 'name']) === resource.name || documents.length === 1),
  );
  return document ? { document, argumentsPath: ['spec', 'forProvider'], metaPath: ['spec'] } : undefined;
}

/** Applies one fix to the document; returns why it could not, or undefined when it did. */
function applyFix(
  fix: PlannedFix,
  paths: { document: Document; argumentsPath: string[]; metaPath: string[] },
  parsed: ParsedSource,
  file: string,
): string | undefined {
  const { document, argumentsPath, metaPath } = paths;
  const autofix = fix.autofix;
  if (autofix.kind === 'set') document.setIn([...argumentsPath, ...autofix.path], autofix.value);
  else if (autofix.kind === 'merge')
    for (const [key, value] of Object.entries(autofix.values))
      document.setIn([...argumentsPath, ...autofix.path, key], value);
  else if (autofix.kind === 'declaration')
    document.setIn([...metaPath, autofix.key], document.createNode(autofix.value));
  else if (autofix.kind === 'set-meta')
    document.setIn(
      [...metaPath, autofix.key],
      document.createNode(autofix.value, { flow: Array.isArray(autofix.value) }),
    );
  else if (autofix.kind === 'declare-input') {
    if (!document.hasIn([...metaPath, autofix.name]))
      document.setIn([...metaPath, autofix.name], document.createNode(autofix.declaration));
  } else if (autofix.kind === 'patch-policy') return 'patch policies are set by requirePatchPolicy';
  else if (autofix.kind === 'append') {
    const list = document.getIn([...argumentsPath, ...autofix.path], true);
    if (isSeq(list)) list.add(document.createNode(autofix.value));
    else if (list === undefined)
      document.setIn([...argumentsPath, ...autofix.path], document.createNode([autofix.value]));
    else return `${autofix.path.join('.')} is not a list`;
  } else {
    const tag = autofix.value as TagValue;
    let value: unknown = tag.constant;
    if (tag.source !== 'constant') {
      if (fix.resource.tool !== 'cloudformation')
        return 'a sourced tag on a plain manifest has no parameter to reference';
      const parameter = parameterFor(tag, parsed, file) ?? declareParameter(document, tag);
      if (!parameter) return `"${lastSegment(tag.from ?? '')}" is not a parameter name`;
      const node = document.createNode(parameter);
      node.tag = '!Ref';
      value = node;
    }
    if (fix.resource.tool === 'cloudformation') {
      const tags = document.getIn([...argumentsPath, 'Tags'], true);
      const entry = new YAMLMap();
      entry.add(new Pair(document.createNode('Key'), document.createNode(autofix.key)));
      entry.add(new Pair(document.createNode('Value'), value));
      if (isSeq(tags)) tags.add(entry);
      else if (tags === undefined) document.setIn([...argumentsPath, 'Tags'], document.createNode([entry]));
      else return 'Tags is not a list';
    } else {
      const tags = document.getIn([...argumentsPath, 'tags'], true);
      if (tags !== undefined && !isMap(tags)) return 'tags is not a map';
      document.setIn([...argumentsPath, 'tags', autofix.key], value);
    }
  }
  return undefined;
}

/** Fixes a CloudFormation template or plain Crossplane manifests with the yaml document API, so comments and order survive. */
export function fixYaml(input: FixerInput): FixerOutput {
  const documents =
    input.text.includes('\n---') || input.text.startsWith('---')
      ? parseAllDocuments(input.text)
      : [parseDocument(input.text, { keepSourceTokens: true })];
  const fixed: string[] = [];
  const skipped: string[] = [];
  for (const fix of input.fixes) {
    if (fix.autofix.kind === 'patch-policy') {
      const parts = documents.length > 1 ? input.text.split(/^(?=---\s*$)/m) : [input.text];
      const reason = requirePatchPolicy(documents, parts, fix.autofix.lines);
      if (reason) skipped.push(`${fixLabel(fix)}: ${reason}`);
      else fixed.push(fixLabel(fix));
      continue;
    }
    const paths = basePaths(fix, documents);
    if (!paths) {
      skipped.push(
        `${fixLabel(fix)}: resources inside a Composition's go-template are not edited automatically`,
      );
      continue;
    }
    const reason = applyFix(fix, paths, input.parsed, input.file);
    if (reason) skipped.push(`${fixLabel(fix)}: ${reason}`);
    else fixed.push(fixLabel(fix));
  }
  if (fixed.length === 0) return { text: input.text, fixed, skipped };
  const options = { lineWidth: 0 };
  const modified = documents.map((document) => document.toString(options)).join('');
  const baseline = (
    input.text.includes('\n---') || input.text.startsWith('---')
      ? parseAllDocuments(input.text)
      : [parseDocument(input.text)]
  )
    .map((document) => document.toString(options))
    .join('');
  return { text: minimalEdit(input.text, baseline, modified), fixed, skipped };
}

const squash = (line: string): string => line.replace(/\s+/g, '');

/**
 * Re-serialising YAML normalises spacing (`[a, b]` becomes `[ a, b ]`). To change only what the
 * fixes changed, diff the untouched re-serialisation against the fixed one and apply that patch
 * to the original text, matching lines with whitespace ignored.
 */
export function minimalEdit(original: string, baseline: string, modified: string): string {
  const patch = structuredPatch('original', 'fixed', baseline, modified, '', '', { context: 2 });
  const applied = applyPatch(original, patch, {
    compareLine: (_lineNumber, line, _operation, content) => squash(line) === squash(content),
  });
  return applied === false ? modified : applied;
}

function parseAllDocuments(text: string): Document[] {
  // Split on document markers ourselves so each document keeps its own leading comments.
  const parts = text.split(/^(?=---\s*$)/m);
  return parts.map((part) => parseDocument(part));
}
