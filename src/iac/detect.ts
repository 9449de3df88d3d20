import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { scanFiles, type SkippedEntry } from '../fs/scan-files.js';
import type { Document } from 'yaml';
import { INPUT_LIMITS } from '../limits/input-limits.js';
import { aliasLimitProblem } from './yaml/alias-limits.js';
import { BoundedMap } from '../util/bounded-map.js';
import type { IacKind } from './resource-model.js';
import { looksLikeCloudFormation, readCloudFormation } from './cloudformation/parse-template.js';
import { toolOfApiVersion } from './kubernetes/manifest-resource.js';

/** Folders never searched for IaC sources. */
export const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.infrakit',
  'dist',
  '.terraform',
  'coverage',
]);

/** File extensions that may hold IaC sources. */
export const SOURCE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.tf', '.template']);

const APIVERSION_LINE = /^\s*"?apiVersion"?\s*:\s*"?([\w./-]+)"?/m;

/** The tool of one file from its name and text, or undefined when it is not IaC we read. */
export function detectFileTool(file: string, text: string): IacKind | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.tf' || file.toLowerCase().endsWith('.tf.json')) return 'terraform';
  if (!SOURCE_EXTENSIONS.has(extension)) return undefined;
  if (
    /^\s*(AWSTemplateFormatVersion|Resources)\s*:/m.test(text) ||
    /"AWSTemplateFormatVersion"|"Resources"\s*:/.test(text)
  ) {
    if (parsesAsCloudFormation(text)) return 'cloudformation';
  }
  const apiVersion = text.match(APIVERSION_LINE)?.[1];
  if (apiVersion) return toolOfApiVersion(apiVersion);
  return undefined;
}

/**
 * Whether the text's first document reads as a CloudFormation template. The answer for the last few
 * texts is remembered: `verify` and `review` ask about each file at three stages (checkable-file
 * check, source listing, parse), and parsing a 50-resource template thrice was a third of a verify.
 * The read is the one `parseCloudFormation` then uses (`readCloudFormation`).
 */
function parsesAsCloudFormation(text: string): boolean {
  const known = cloudFormationByText.get(text);
  if (known !== undefined) return known;
  let answer = false;
  try {
    const read = readCloudFormation(text);
    if (read.kind === 'quick') answer = looksLikeCloudFormation(read.raw);
    // Aliases over the limit do not make a template invisible ("no findings"): it is read as
    // CloudFormation, whose parser refuses it naming the file and the limit.
    else if (aliasLimitProblem(read.document) && !APIVERSION_LINE.test(text)) answer = true;
    else answer = looksLikeCloudFormation(quietlyToJS(read.document));
  } catch {
    // not CloudFormation; the caller falls through to manifests
  }
  if (text.length <= REMEMBERED_TEXT_LENGTH) cloudFormationByText.set(text, answer);
  return answer;
}

/** The document's value, without the warnings `yaml` prints on stderr (a collection as a key). */
function quietlyToJS(document: Document): unknown {
  const logLevel = document.options.logLevel;
  document.options.logLevel = 'silent';
  try {
    return document.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases });
  } finally {
    document.options.logLevel = logLevel;
  }
}

/** The answers of parsesAsCloudFormation, by text (oldest first), bounded in count and text size. */
const REMEMBERED_TEXTS = 8;
const cloudFormationByText = new BoundedMap<string, boolean>(REMEMBERED_TEXTS);
const REMEMBERED_TEXT_LENGTH = 4 * 1024 * 1024;

/**
 * Every candidate source file under a directory (sorted, ignoring dependency and cache folders).
 * Symlinks are never followed out of `boundary` (default: the directory) nor into .git/ or
 * .infrakit/; such links, and dangling ones, are left out and reported in `skipped`.
 */
export async function listSourceFiles(
  directory: string,
  options: { boundary?: string; skipped?: SkippedEntry[] } = {},
): Promise<string[]> {
  return scanFiles(directory, {
    ...options,
    includeFile: (name) => SOURCE_EXTENSIONS.has(extname(name).toLowerCase()),
    includeFolder: (name) => !IGNORED_DIRECTORIES.has(name) && !name.startsWith('.'),
  });
}

/** The tool a project is written for, by counting its source files; undefined when none is found. */
export async function detectProjectTool(
  root: string,
): Promise<{ tool: IacKind | undefined; counts: Record<IacKind, number> }> {
  const counts: Record<IacKind, number> = { crossplane: 0, cloudformation: 0, terraform: 0, kubernetes: 0 };
  for (const file of await listSourceFiles(root)) {
    const tool = detectFileTool(file, await readFile(file, 'utf8'));
    if (tool) counts[tool] += 1;
  }
  const ranked = (Object.entries(counts) as Array<[IacKind, number]>)
    .filter(([, count]) => count > 0)
    .sort((left, right) => right[1] - left[1]);
  return { tool: ranked[0]?.[0], counts };
}
