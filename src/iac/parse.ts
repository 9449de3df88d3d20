import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { isWithin } from '../fs/confine.js';
import { linkProblem, type SkippedEntry } from '../fs/scan-files.js';
import { UsageError } from '../errors/index.js';
import { findEmbeddedSuppressions } from '../policy/suppression-markers.js';
import type { IacKind, ParsedSource } from './resource-model.js';
import { detectFileTool, listSourceFiles } from './detect.js';
import type { HclParser } from './terraform/hcl.js';

/** Options for parsing sources. */
export interface ParseOptions {
  /** Locations are reported relative to this directory (default: absolute paths). */
  root?: string;
  /** The HCL parser (injectable for tests). */
  hclParser?: HclParser;
}

/** Parses one file's text, given the name it is reported under. */
export async function parseText(
  text: string,
  fileName: string,
  options: ParseOptions = {},
): Promise<ParsedSource> {
  const tool = detectFileTool(fileName, text);
  const empty: ParsedSource = {
    tool: tool ?? 'kubernetes',
    files: [fileName],
    resources: [],
    inputs: [],
    errors: [],
    suppressions: findEmbeddedSuppressions(text, fileName),
  };
  // Each tool's parser is loaded when a file of that tool is first read: a CloudFormation verify
  // never initialises the Terraform or Kubernetes readers, nor their schemas and packages.
  if (tool === 'terraform') {
    const [{ parseTerraform }, { createHclParser }] = await Promise.all([
      import('./terraform/parse-terraform.js'),
      import('./terraform/hcl.js'),
    ]);
    return { ...empty, ...(await parseTerraform(text, fileName, options.hclParser ?? createHclParser())) };
  }
  if (tool === 'cloudformation') {
    const { parseCloudFormation } = await import('./cloudformation/parse-template.js');
    return { ...empty, ...parseCloudFormation(text, fileName) };
  }
  const { parseManifests } = await import('./kubernetes/parse-manifests.js');
  const parsed = parseManifests(text, fileName);
  const resourceTool = parsed.resources.find((resource) => resource.tool === 'crossplane')
    ? 'crossplane'
    : (parsed.resources[0]?.tool ?? empty.tool);
  return { ...empty, tool: resourceTool, resources: parsed.resources, errors: parsed.errors };
}

function mergeSuppressions(into: ParsedSource, from: ParsedSource): void {
  if (from.suppressions?.length) into.suppressions = [...(into.suppressions ?? []), ...from.suppressions];
}

/**
 * Parses files and directories (recursively), detecting the tool of each file. Files that hold no
 * IaC are skipped; `tool` is the tool of most resources.
 */
export async function parseSources(paths: string[], options: ParseOptions = {}): Promise<ParsedSource> {
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const path of paths) {
    const absolute = resolve(options.root ?? process.cwd(), path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      const dangling = await lstat(absolute).then(
        (link) => link.isSymbolicLink(),
        () => false,
      );
      if (dangling) {
        skipped.push({
          file: path,
          reason: 'a symlink to something that does not exist (dangling); skipped',
        });
        continue;
      }
      throw new UsageError(`${path} does not exist`, {
        hint: 'Pass files or directories that hold Kubernetes, Crossplane, CloudFormation or Terraform sources.',
      });
    }
    // A path inside the project must not lead out of it (or into .git/) through a link.
    const boundary = options.root && isWithin(resolve(options.root), absolute) ? options.root : undefined;
    const problem = boundary ? await linkProblem(absolute, await realpath(boundary)) : undefined;
    if (problem) {
      skipped.push({ file: path, reason: problem.replace('a symlink', 'it is, or lies under, a symlink') });
      continue;
    }
    files.push(...(info.isDirectory() ? await listSourceFiles(absolute, { boundary, skipped }) : [absolute]));
  }
  const result: ParsedSource = { tool: 'kubernetes', files: [], resources: [], inputs: [], errors: [] };
  if (skipped.length) result.skipped = skipped;
  const counts = new Map<IacKind, number>();
  for (const file of files) {
    const name = options.root ? relative(options.root, file) || file : file;
    const text = await readFile(file, 'utf8');
    if (!detectFileTool(file, text)) continue;
    const parsed = await parseText(text, name, options);
    result.files.push(name);
    result.resources.push(...parsed.resources);
    result.inputs.push(...parsed.inputs);
    if (parsed.outputs) result.outputs = [...(result.outputs ?? []), ...parsed.outputs];
    result.errors.push(...parsed.errors);
    mergeSuppressions(result, parsed);
    if (parsed.settings?.terraform)
      result.settings = {
        ...result.settings,
        terraform: mergeTerraformSettings(result.settings?.terraform, parsed.settings.terraform),
      };
    for (const resource of parsed.resources) counts.set(resource.tool, (counts.get(resource.tool) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((left, right) => right[1] - left[1]);
  if (ranked[0]) result.tool = ranked[0][0];
  return result;
}

/** Merges the `terraform {}` settings of several files of one module. */
function mergeTerraformSettings(
  previous: NonNullable<ParsedSource['settings']>['terraform'],
  next: NonNullable<NonNullable<ParsedSource['settings']>['terraform']>,
): NonNullable<NonNullable<ParsedSource['settings']>['terraform']> {
  if (!previous) return next;
  return {
    ...previous,
    present: previous.present || next.present,
    requiredVersion: previous.requiredVersion ?? next.requiredVersion,
    requiredProviders: { ...previous.requiredProviders, ...next.requiredProviders },
    providers: [...(previous.providers ?? []), ...(next.providers ?? [])],
    ...(previous.locals || next.locals
      ? { locals: [...(previous.locals ?? []), ...(next.locals ?? [])] }
      : {}),
    ...((previous.backend ?? next.backend) ? { backend: previous.backend ?? next.backend } : {}),
  };
}
