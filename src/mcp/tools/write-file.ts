import { z } from 'zod';
import { writeInside } from '../../fs/confine.js';
import { defineTool } from '../tool-definition.js';

/**
 * `write_file` (only with `infrakit mcp --allow-write`): writes one file inside the project with the
 * pipeline's own confinement, so `..`, absolute paths, symlinks out, .git/ and .infrakit/ are refused.
 */
export const writeFileTool = defineTool({
  name: 'write_file',
  title: 'Write a file in the project',
  description:
    'Writes (creates or replaces) one UTF-8 file at a path relative to the project root, atomically. Paths outside ' +
    'the project, absolute paths, and .git/ or .infrakit/ are refused. Verify the file afterwards.',
  inputSchema: z
    .object({
      path: z
        .string()
        .min(1)
        .describe('Relative path inside the project, e.g. compositions/bucket/composition.yaml.'),
      content: z.string().max(2_000_000).describe('The whole new content of the file.'),
    })
    .strict(),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: async (input, context) => {
    await writeInside(context.projectRoot, input.path, input.content);
    const bytes = Buffer.byteLength(input.content);
    return { text: `wrote ${input.path} (${bytes} bytes)`, data: { path: input.path, bytes } };
  },
});
