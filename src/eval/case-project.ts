import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IacTool } from '../constraints/schema.js';
import { openRepo } from '../git/repo.js';

/**
 * Creates a fresh InfraKit project for one eval case or bench run: a temporary git repository whose
 * `.infrakit/` holds the eval profile's constraints (eval/cases/project/): the shared context.md, and the
 * tool's own coding style and tagging standard (`coding-style-<tool>.md`, `tagging-standard-<tool>.md`).
 * `schemaSources` (CRD folders, see shared-schemas.ts) are imported into its schema index.
 */
export async function createCaseProject(
  profileDirectory: string,
  tool: IacTool,
  parent: string = tmpdir(),
  schemaSources: string[] = [],
): Promise<string> {
  const root = await mkdtemp(join(parent, `infrakit-eval-${tool}-`));
  const constraints = join(root, '.infrakit');
  await mkdir(constraints, { recursive: true });
  await copyFile(join(profileDirectory, 'context.md'), join(constraints, 'context.md'));
  await copyFile(
    join(profileDirectory, `tagging-standard-${tool}.md`),
    join(constraints, 'tagging-standard.md'),
  );
  await copyFile(join(profileDirectory, `coding-style-${tool}.md`), join(constraints, 'coding-style.md'));
  const repo = openRepo(root);
  await repo.init();
  await repo.commitPaths(['.infrakit'], 'Eval project constraints');
  if (schemaSources.length > 0) {
    const { importSchemas } = await import('../schemas/import.js');
    for (const source of schemaSources) await importSchemas(source, { projectRoot: root });
  }
  return root;
}
