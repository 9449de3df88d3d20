import type { ParsedSource, Resource } from '../../iac/resource-model.js';
import type { Edit } from '../change-schemas.js';
import { resourceKey } from '../resource-key.js';
import { editError } from './edit-error.js';
import { applyHclEdit } from './hcl-edit.js';
import { applyRename, type Rename } from './rename-edit.js';
import { applyTemplateEdit } from './template-edit.js';
import { applyYamlDocumentEdit } from './yaml-document-edit.js';

/** Every file's text before and after the edits (only changed files), and the renames applied. */
export interface AppliedEdits {
  before: Map<string, string>;
  after: Map<string, string>;
  renames: Rename[];
}

/** Finds the resource an edit names in its file (by key, then by plain name). */
function resourceFor(parsed: ParsedSource, edit: Edit, file: string): Resource {
  const inFile = parsed.resources.filter((resource) => resource.location.file === file);
  const found =
    inFile.find((resource) => resourceKey(resource) === edit.resource) ??
    inFile.find((resource) => resource.name === edit.resource);
  if (!found)
    throw editError(
      edit,
      `no resource "${edit.resource}" in ${file} (known: ${inFile.map(resourceKey).join(', ') || 'none'})`,
    );
  return found;
}

/**
 * Applies the IaC Engineer's edits in memory. `files` maps a file path (relative to the project
 * root) to its text; `targetPrefix` turns an edit's file (relative to the target) into that path.
 * Throws BlockedError naming the first edit that cannot be applied. The parsed source is re-read
 * after each edit so that line numbers stay right.
 */
export async function applyEdits(
  files: Map<string, string>,
  edits: Edit[],
  options: { targetPrefix: string; parse(file: string, text: string): Promise<ParsedSource> },
): Promise<AppliedEdits> {
  const current = new Map(files);
  const renames: Rename[] = [];
  const fileOf = (edit: Edit): string => {
    const candidates = [edit.file, `${options.targetPrefix}${edit.file}`].map((path) =>
      path.replace(/^\.\//, ''),
    );
    const found = candidates.find((path) => current.has(path));
    if (!found)
      throw editError(edit, `no such file in the target (files: ${[...current.keys()].join(', ')})`);
    return found;
  };
  for (const edit of edits) {
    if (edit.op === 'rename') {
      if (!edit.value || !/^[A-Za-z_][\w-]*$/.test(edit.value))
        throw editError(edit, 'rename needs the new name as value');
      const file = fileOf(edit);
      const parsed = await options.parse(file, current.get(file)!);
      const rename: Rename = {
        from: edit.resource.replace(/^(var\.|\$)/, ''),
        to: edit.value,
        tool: parsed.tool,
      };
      renames.push(rename);
      const sameTool = [...current.keys()].filter((path) =>
        rename.tool === 'terraform' ? path.endsWith('.tf') : path === file,
      );
      for (const path of sameTool) current.set(path, applyRename(current.get(path)!, rename));
      continue;
    }
    const file = fileOf(edit);
    const text = current.get(file)!;
    const parsed = await options.parse(file, text);
    const resource = resourceFor(parsed, edit, file);
    let next: string;
    if (resource.tool === 'terraform') next = applyHclEdit(text, edit, resource);
    else if (resource.origin?.composition) next = applyTemplateEdit(text, edit, resource);
    else if (resource.tool === 'cloudformation')
      next = applyYamlDocumentEdit(text, { ...edit, resource: resource.name }, 'cloudformation');
    else next = applyYamlDocumentEdit(text, { ...edit, resource: resource.name }, 'manifest');
    current.set(file, next);
  }
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const [path, text] of current) {
    if (files.get(path) === text) continue;
    before.set(path, files.get(path)!);
    after.set(path, text);
  }
  return { before, after, renames };
}
