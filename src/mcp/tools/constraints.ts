import { z } from 'zod';
import { constraintPath, loadConstraints } from '../../constraints/load.js';
import { CONSTRAINT_FILES } from '../../constraints/schema.js';
import { defineTool } from '../tool-definition.js';

/** `constraints`: the project's rules, parsed and validated by the same loader as the pipeline. */
export const constraintsTool = defineTool({
  name: 'constraints',
  title: "The project's rules",
  description:
    "Returns the project's constraints from .infrakit/: provider, region, naming pattern, environments and their " +
    'security baseline, compliance scope, coding style and mandatory tags. Read them before designing a resource.',
  inputSchema: z
    .object({
      includeDocuments: z
        .boolean()
        .default(false)
        .describe('Also return the full markdown of the three files.'),
    })
    .strict(),
  annotations: { readOnlyHint: true, openWorldHint: false },
  run: async (input, context) => {
    const constraints = await loadConstraints(context.projectRoot);
    const { context: project, codingStyle, tagging } = constraints;
    const text = [
      `provider ${project.provider}, region ${project.region}, naming "${project.naming.pattern}" (${project.naming.case})`,
      `iac ${codingStyle.iac}, validator ${codingStyle.validator}`,
      `compliance: ${project.compliance.length ? project.compliance.join(', ') : 'none'}`,
      'environments:',
      ...project.environments.map(
        (environment) =>
          `- ${environment.name}: encryption ${environment.encryptionAtRest}, public access ${environment.publicAccess ? 'allowed' : 'denied'}, ` +
          `multi-AZ ${environment.multiAz}, backups ${environment.backups}, deletion protection ${environment.deletionProtection}`,
      ),
      `mandatory tags: ${tagging.tags.map((tag) => tag.key).join(', ')}`,
      `Full text: the MCP resources ${Object.values(CONSTRAINT_FILES)
        .map((file) => `infrakit://constraints/${file}`)
        .join(', ')}.`,
    ].join('\n');
    return {
      text,
      data: {
        files: Object.fromEntries(
          Object.entries(CONSTRAINT_FILES).map(([key, file]) => [key, constraintPath(file)]),
        ),
        context: project,
        codingStyle,
        tagging,
        ...(input.includeDocuments ? { documents: constraints.documents } : {}),
      },
    };
  },
});
