import { parseSources } from '../iac/parse.js';
import { buildSchemaLock, type SchemaLock } from './schema-lock.js';

/** The schema lock of every resource written in `files` (relative to projectRoot): what a track's plan pins. */
export async function schemaLockOfFiles(projectRoot: string, files: string[]): Promise<SchemaLock> {
  const parsed = await parseSources(files, { root: projectRoot });
  return buildSchemaLock(
    projectRoot,
    parsed.resources.map((resource) => ({
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      type: resource.apiVersion ? undefined : resource.type,
    })),
  );
}
