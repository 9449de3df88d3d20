import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseBoundedYaml } from '../iac/yaml/alias-limits.js';

/** A Kubernetes-style document found in a project file. */
export interface ManifestDocument {
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  body: Record<string, unknown>;
}

/** The project's Crossplane files, sorted by what crank needs them for. */
export interface CrossplaneFiles {
  xrds: ManifestDocument[];
  compositions: ManifestDocument[];
  /** Example XRs (rendered) — documents whose apiVersion/kind is an XRD's composite type. */
  composites: ManifestDocument[];
  /** Example claims (legacy v1 model): validated, not rendered. */
  claims: ManifestDocument[];
  /** Files of observed composed resources (name contains `observed`), passed to render with --observed-resources. */
  observedFiles: string[];
  /** Every other document (validated when a schema for it is known). */
  others: ManifestDocument[];
  /** YAML syntax problems, as `file: message`. */
  problems: string[];
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** Reads and sorts the YAML files among `files` (relative to projectRoot). */
export async function readCrossplaneFiles(
  projectRoot: string,
  files: readonly string[],
): Promise<CrossplaneFiles> {
  const sorted: CrossplaneFiles = {
    xrds: [],
    compositions: [],
    composites: [],
    claims: [],
    observedFiles: [],
    others: [],
    problems: [],
  };
  const documents: ManifestDocument[] = [];
  for (const file of files.filter((name) => /\.ya?ml$/i.test(name))) {
    if (basename(file).includes('observed')) {
      sorted.observedFiles.push(file);
      continue;
    }
    const text = await readFile(resolve(projectRoot, file), 'utf8');
    const parsed = parseBoundedYaml(text);
    sorted.problems.push(...parsed.problems.map((problem) => `${file}: ${problem}`));
    for (const value of parsed.values) {
      const body = value as Record<string, unknown> | null;
      if (!body || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') continue;
      const name = String((body.metadata as { name?: unknown } | undefined)?.name ?? '');
      documents.push({ file, apiVersion: body.apiVersion, kind: body.kind, name, body });
    }
  }
  for (const document of documents) {
    if (
      groupOf(document.apiVersion) === 'apiextensions.crossplane.io' &&
      document.kind === 'CompositeResourceDefinition'
    )
      sorted.xrds.push(document);
    else if (
      groupOf(document.apiVersion) === 'apiextensions.crossplane.io' &&
      document.kind === 'Composition'
    )
      sorted.compositions.push(document);
  }
  for (const document of documents) {
    if (sorted.xrds.includes(document) || sorted.compositions.includes(document)) continue;
    const spec = (xrd: ManifestDocument) =>
      xrd.body.spec as { group?: string; names?: { kind?: string }; claimNames?: { kind?: string } };
    const group = groupOf(document.apiVersion);
    if (sorted.xrds.some((xrd) => spec(xrd).group === group && spec(xrd).names?.kind === document.kind))
      sorted.composites.push(document);
    else if (
      sorted.xrds.some((xrd) => spec(xrd).group === group && spec(xrd).claimNames?.kind === document.kind)
    )
      sorted.claims.push(document);
    else sorted.others.push(document);
  }
  return sorted;
}

/** The functions a Composition's pipeline calls, in order. */
export function pipelineFunctionNames(composition: ManifestDocument): string[] {
  const pipeline =
    (composition.body.spec as { pipeline?: Array<{ functionRef?: { name?: string } }> })?.pipeline ?? [];
  return [
    ...new Set(
      pipeline.map((step) => step.functionRef?.name).filter((name): name is string => Boolean(name)),
    ),
  ];
}

/** The Composition whose compositeTypeRef matches an XR. */
export function compositionFor(
  composite: ManifestDocument,
  compositions: readonly ManifestDocument[],
): ManifestDocument | undefined {
  return compositions.find((composition) => {
    const reference = (composition.body.spec as { compositeTypeRef?: { apiVersion?: string; kind?: string } })
      ?.compositeTypeRef;
    return reference?.apiVersion === composite.apiVersion && reference?.kind === composite.kind;
  });
}
