import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { CONSTRAINTS_DIR, constraintPath } from '../constraints/load.js';
import { CONSTRAINT_FILES } from '../constraints/schema.js';
import { PathEscapeError, resolveReadable } from '../fs/confine.js';
import type { McpContext } from './context.js';

/** The URI of a constraint file resource, e.g. `infrakit://constraints/context.md`. */
export const constraintResourceUri = (file: string): string => `infrakit://constraints/${file}`;

const TITLES: Record<keyof typeof CONSTRAINT_FILES, string> = {
  context: 'Project context: provider, naming, environments, security baseline, compliance',
  codingStyle: 'Coding style: IaC tool, layout, version pinning, validator',
  tagging: 'Tagging standard: the mandatory tags and where their values come from',
};

/** Exposes the three constraint files, read fresh on every request, as markdown resources. */
export function registerConstraintResources(server: McpServer, context: McpContext): void {
  for (const [key, file] of Object.entries(CONSTRAINT_FILES) as Array<
    [keyof typeof CONSTRAINT_FILES, string]
  >) {
    const uri = constraintResourceUri(file);
    server.registerResource(
      `constraints-${file.replace(/\.md$/, '')}`,
      uri,
      {
        title: TITLES[key],
        description: `${constraintPath(file)}, the project's own rules`,
        mimeType: 'text/markdown',
      },
      async () => {
        try {
          const real = await resolveReadable(context.projectRoot, join(CONSTRAINTS_DIR, file), {
            allowInfrakitFolder: true,
          });
          const text = await readFile(real, 'utf8');
          return { contents: [{ uri, mimeType: 'text/markdown', text }] };
        } catch (error) {
          if (error instanceof PathEscapeError) {
            context.log(`resource ${uri}: ${error.message}`);
            throw new McpError(
              ErrorCode.InvalidParams,
              `${constraintPath(file)} is a symlink that leads outside the project or into .git/, so it is not served; replace it with the file itself`,
            );
          }
          context.log(`resource ${uri}: ${constraintPath(file)} is missing`);
          throw new McpError(
            ErrorCode.InvalidParams,
            `${constraintPath(file)} is missing; run "infrakit init" or "infrakit setup"`,
          );
        }
      },
    );
  }
}
