import { z } from 'zod';
import { defineTool } from '../tool-definition.js';
import { countBySeverity, findingsSummary, findingsText } from '../findings-text.js';
import { notAvailable } from '../unavailable.js';
import { sourceFromInput, sourceInputShape } from './source-input.js';

/** `verify`: every field checked against the provider's schema, by the same verifier as `infrakit verify`. */
export const verifyTool = defineTool({
  name: 'verify',
  title: 'Verify fields against the provider schema',
  description:
    "Checks every field of the resources in a file or folder (or inline text) against the provider's own schema " +
    '(CRDs, Terraform provider schema, CloudFormation spec). Returns findings with file, line, field path and a fix. ' +
    'Call it on every file you wrote before you finish.',
  inputSchema: z.object(sourceInputShape).strict(),
  annotations: { readOnlyHint: true, openWorldHint: false },
  run: async (input, context) => {
    const source = await sourceFromInput(input, context.projectRoot);
    const { verifyPaths, verifyText } = context.backends;
    if (!verifyPaths || !verifyText) throw notAvailable('verify', 'the field verifier');
    const options = { projectRoot: context.projectRoot };
    const outcome =
      source.kind === 'paths'
        ? await verifyPaths(source.paths, options)
        : await verifyText(source.text, source.fileName, options);
    const findings = outcome.findings;
    // Resources found but none checked against an imported or built-in schema: never a clean answer.
    const { uncheckedAnswer } = await import('../../verify/nothing-checked.js');
    const unchecked = uncheckedAnswer('verify', source.shown, outcome);
    const text = [
      `verify ${source.shown}: ${findingsSummary(findings)}`,
      ...(unchecked ? [`NOT VERIFIED: ${unchecked.message}. ${unchecked.hint}`] : []),
      findingsText(findings),
    ]
      .filter(Boolean)
      .join('\n');
    return {
      text,
      data: {
        source: source.shown,
        counts: countBySeverity(findings),
        findings,
        summary: outcome.summary ?? null,
        nothingChecked: unchecked !== undefined,
      },
    };
  },
});
