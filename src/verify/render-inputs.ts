import { realpath, stat } from 'node:fs/promises';
import { isGitFolderName } from '../fs/reserved-names.js';
import { linkProblem, scanFiles } from '../fs/scan-files.js';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compositionFor,
  pipelineFunctionNames,
  readCrossplaneFiles,
  type ManifestDocument,
} from '../validators/crossplane-files.js';

/** One render to run: a Composition, an example XR, and optionally observed resources. */
export interface RenderCase {
  composition: ManifestDocument;
  xr: ManifestDocument;
  /** The XRD of the XR's kind, when the project has it (passed as --xrd). */
  xrdFile?: string;
  /** A file of observed composed resources (passed as --observed-resources). */
  observedFile?: string;
}

/** What render needs, found in the given paths and the `examples/` folders beside each composition. */
export interface RenderInputs {
  cases: RenderCase[];
  /** The functions every composition's pipeline calls. */
  functionNames: string[];
  /** Why a composition could not be rendered (no example XR, a function with no local runtime, bad YAML). */
  problems: string[];
}

const isYaml = (file: string): boolean => /\.ya?ml$/i.test(file);

/** YAML files at or under `absolute`, never through a symlink out of the project (src/fs/scan-files.ts). */
async function yamlFilesUnder(projectRoot: string, absolute: string): Promise<string[]> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory())
    return isYaml(absolute) && !(await linkProblem(absolute, await realpath(projectRoot))) ? [absolute] : [];
  return scanFiles(absolute, {
    boundary: projectRoot,
    includeFile: isYaml,
    includeFolder: (name) => name !== 'node_modules' && !isGitFolderName(name),
  }).catch(() => []);
}

/** The example XRs and observed-resource files for each Composition in `paths` (relative to projectRoot). */
export async function findRenderInputs(projectRoot: string, paths: readonly string[]): Promise<RenderInputs> {
  const given = new Set<string>();
  for (const path of paths)
    for (const file of await yamlFilesUnder(projectRoot, resolve(projectRoot, path))) given.add(file);
  const first = await readCrossplaneFiles(
    projectRoot,
    [...given].map((file) => relative(projectRoot, file)),
  );
  const all = new Set(given);
  for (const composition of first.compositions)
    for (const file of await yamlFilesUnder(
      projectRoot,
      join(resolve(projectRoot, dirname(composition.file)), 'examples'),
    ))
      all.add(file);
  const files = await readCrossplaneFiles(
    projectRoot,
    [...all].map((file) => relative(projectRoot, file)),
  );
  const problems = [...files.problems];
  const cases: RenderCase[] = [];
  const functionNames = new Set<string>();
  const candidates = [...files.composites, ...files.others];
  for (const composition of files.compositions) {
    const names = pipelineFunctionNames(composition);
    const unsupported = names.filter((name) => !name.includes('go-templating'));
    if (!names.length || unsupported.length) {
      problems.push(
        `${composition.file}: Composition ${composition.name} ${names.length ? `calls ${unsupported.join(', ')}, which has no local runtime (only function-go-templating runs offline)` : 'has no function pipeline to render'}`,
      );
      continue;
    }
    const xrs = candidates.filter((document) => compositionFor(document, [composition]) === composition);
    if (!xrs.length) {
      const reference = (
        composition.body.spec as { compositeTypeRef?: { apiVersion?: string; kind?: string } }
      ).compositeTypeRef;
      problems.push(
        `${composition.file}: no example XR of ${reference?.apiVersion ?? '?'} ${reference?.kind ?? '?'} for Composition ${composition.name} (put one in ${join(dirname(composition.file), 'examples')}/xr*.yaml or pass it)`,
      );
      continue;
    }
    for (const name of names) functionNames.add(name);
    for (const xr of xrs) {
      const xrdFile = files.xrds.find(
        (xrd) => (xrd.body.spec as { names?: { kind?: string } }).names?.kind === xr.kind,
      )?.file;
      const observed = files.observedFiles.filter((file) => dirname(file) === dirname(xr.file));
      for (const observedFile of [undefined, ...observed])
        cases.push({ composition, xr, xrdFile, ...(observedFile ? { observedFile } : {}) });
    }
  }
  return { cases, functionNames: [...functionNames], problems };
}
