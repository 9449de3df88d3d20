import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ModelClient } from '../../providers/types.js';
import type { Constraints } from '../constraints/load.js';
import { writeInside } from '../fs/confine.js';
import { CodeSchema } from '../pipeline/output-schemas.js';
import type { EvalCase } from './case-schema.js';

/** Persona id the baseline call uses (routing, ledger, mock and recordings). */
export const BASELINE_PERSONA = 'single-prompt-baseline';

const TOOL_NAMES = {
  crossplane: 'Crossplane (XRD, Composition in Pipeline mode, example XR)',
  terraform: 'a Terraform module',
  cloudformation: 'a CloudFormation template',
} as const;

/** The one prompt of the baseline: the same constraints and the same information, asking for code directly. */
export function baselineRequest(evalCase: EvalCase, constraints: Constraints) {
  const { context, codingStyle, tagging } = constraints.documents;
  const answers = evalCase.answers.map((entry) => `- ${entry.question}\n  ${entry.answer}`).join('\n');
  return {
    persona: BASELINE_PERSONA,
    system: [
      {
        text: 'You are an expert cloud infrastructure engineer. Write production-ready infrastructure as code that follows the project constraints exactly.',
        cache: true,
      },
      { text: `# Project constraints\n\n${context}\n\n${codingStyle}\n\n${tagging}`, cache: true },
    ],
    messages: [
      {
        role: 'user' as const,
        content:
          `Write ${TOOL_NAMES[evalCase.tool]} for this request, for the ${evalCase.environment} environment.\n\n` +
          `# Request\n\n${evalCase.request}\n\n# Details\n\n${answers}\n\n` +
          'Return every file whole, with paths relative to the output folder.',
      },
    ],
    output: { name: 'code', schema: CodeSchema },
  };
}

/** Runs the single-prompt baseline and writes its files under `codeDirectory`; returns their project-relative paths. */
export async function runBaseline(
  evalCase: EvalCase,
  projectRoot: string,
  codeDirectory: string,
  constraints: Constraints,
  client: ModelClient,
): Promise<string[]> {
  const response = await client.generate(baselineRequest(evalCase, constraints));
  const files = response.data?.files ?? [];
  const written: string[] = [];
  const root = join(projectRoot, codeDirectory);
  await mkdir(root, { recursive: true });
  for (const file of files) {
    const absolute = await writeInside(root, file.path, file.content);
    written.push(relative(projectRoot, absolute));
  }
  return written;
}
