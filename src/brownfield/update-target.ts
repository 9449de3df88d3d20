import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { IacTool } from '../constraints/schema.js';
import { UsageError } from '../errors/index.js';
import { isWithin, resolveReadable } from '../fs/confine.js';
import { listSourceFiles, detectFileTool } from '../iac/detect.js';
import { parseSources } from '../iac/parse.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { readFile } from 'node:fs/promises';
export { updateTrackName } from '../tracks/naming.js';

/** The existing code an update track changes. */
export interface UpdateTarget {
  /** Folder relative to the project root ('' for the root itself). */
  directory: string;
  /** IaC source files, relative to the project root. */
  files: string[];
  parsed: ParsedSource;
}

const COMMAND_OF: Record<IacTool, string> = {
  crossplane: 'update-composition',
  terraform: 'update-terraform-code',
  cloudformation: 'update-cloudformation-code',
};

/** Resolves and parses the target; refuses a path outside the project, one without IaC, or code of another tool. */
export async function resolveUpdateTarget(
  projectRoot: string,
  path: string,
  tool: IacTool,
): Promise<UpdateTarget> {
  const absolute = resolve(projectRoot, path);
  if (!isWithin(resolve(projectRoot), absolute))
    throw new UsageError(`${path}: the path is outside the project ${projectRoot}`);
  const info = await stat(absolute).catch(() => undefined);
  if (!info)
    throw new UsageError(`${path}: no such file or folder`, {
      hint: 'Pass the folder that holds the code to change, e.g. compositions/cassandra-keyspace.',
    });
  // A target that is, or lies under, a symlink out of the project or into .git/ is refused.
  await resolveReadable(projectRoot, absolute);
  const candidates = info.isDirectory()
    ? await listSourceFiles(absolute, { boundary: projectRoot })
    : [absolute];
  const files: string[] = [];
  for (const file of candidates)
    if (detectFileTool(file, await readFile(file, 'utf8'))) files.push(relative(projectRoot, file));
  if (files.length === 0)
    throw new UsageError(`${path}: no Crossplane, Terraform or CloudFormation files found`);
  const parsed = await parseSources(files, { root: projectRoot });
  const found: IacTool = parsed.tool === 'kubernetes' ? 'crossplane' : parsed.tool;
  if (found !== tool)
    throw new UsageError(`${path} holds ${found} code, not ${tool}`, {
      hint: `Use: infrakit ${COMMAND_OF[found]} ${path} "<change>"`,
    });
  const directory = relative(projectRoot, info.isDirectory() ? absolute : resolve(absolute, '..'));
  return { directory, files, parsed };
}
