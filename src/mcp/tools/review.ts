import { z } from 'zod';
import { loadConstraints } from '../../constraints/load.js';
import { UsageError } from '../../errors/index.js';
import type { Finding } from '../../findings/finding.js';
import { parseSources, parseText } from '../../iac/parse.js';
import type { ParsedSource } from '../../iac/resource-model.js';
import type { ResolvedEnvironment } from '../../policy/environment.js';
import { reviewParsed, runReview, type CheckStatus, type VerifierOutcome } from '../../review/run-review.js';
import { scoreFindings } from '../../review/score.js';
import type { McpContext } from '../context.js';
import { findingsSummary, findingsText } from '../findings-text.js';
import { defineTool } from '../tool-definition.js';
import { sourceFromInput, sourceInputShape, type Source } from './source-input.js';

const UNAVAILABLE_VERIFIER = 'the field verifier is not available in this build of infrakit';

/** What one review found, however it ran. */
interface ReviewOutcome {
  environment: ResolvedEnvironment;
  findings: Finding[];
  checks: CheckStatus[];
  parsed: ParsedSource;
}

/** `review`: `infrakit review` for agents: the constraint policy for one environment, plus the verifier. */
export const reviewTool = defineTool({
  name: 'review',
  title: "Review against the project's rules",
  description:
    "Checks resources in a file or folder (or inline text) against the project's constraints: naming, mandatory tags " +
    'and the security baseline of the environment (encryption, public access, backups, deletion protection ...), ' +
    'and includes the field verifier findings. Without an environment it is read from the template, else the strictest applies.',
  inputSchema: z
    .object({
      ...sourceInputShape,
      environment: z
        .string()
        .min(1)
        .optional()
        .describe('An environment named in .infrakit/context.md, e.g. dev or prod.'),
      autoLint: z
        .boolean()
        .optional()
        .describe(
          'For a path: run cfn-lint over its CloudFormation files when it is installed, for the patterns, lengths and ' +
            'numeric bounds the verifier does not carry (default true; false lists it as skipped). Inline text is not linted.',
        ),
    })
    .strict(),
  annotations: { readOnlyHint: true, openWorldHint: false },
  run: async (input, context) => {
    const source = await sourceFromInput(input, context.projectRoot);
    const constraints = await loadConstraints(context.projectRoot);
    const known = constraints.context.environments.map((environment) => environment.name);
    if (input.environment !== undefined && !known.includes(input.environment)) {
      throw new UsageError(
        `environment "${input.environment}" is not in .infrakit/context.md (known: ${known.join(', ')})`,
        {
          hint: 'Pass one of the known environments, or leave it out to let the template or the strictest decide.',
        },
      );
    }
    const outcome =
      source.kind === 'paths'
        ? await reviewPath(source.paths[0], input.environment, input.autoLint, context)
        : await reviewText(source, input.environment, context);
    const { environment, findings, checks, parsed } = outcome;
    const score = scoreFindings(findings);
    const resources = parsed.resources.length;
    const lines = [
      `review ${source.shown} (${environment.environment.name}, ${resources} resource${resources === 1 ? '' : 's'}): ${findingsSummary(findings)}; score ${score.value}/100`,
      `environment: ${environment.reason}`,
      ...checks
        .filter((check) => check.status !== 'ran' || check.automatic)
        .map((check) =>
          check.status === 'ran'
            ? `${check.name}: ${check.detail ?? 'ran'}`
            : `${check.name} did not run: ${check.detail ?? check.status}`,
        ),
      ...(resources === 0 ? ['No resources were found, so nothing was reviewed.'] : []),
      findingsText(findings),
    ];
    return {
      text: lines.filter(Boolean).join('\n'),
      data: {
        source: source.shown,
        environment: {
          name: environment.environment.name,
          origin: environment.origin,
          reason: environment.reason,
        },
        score,
        checks,
        resources: parsed.resources.map((resource) => ({
          type: resource.type,
          name: resource.name,
          location: resource.location,
        })),
        findings,
      },
    };
  },
});

/** A path: exactly what `infrakit review <path> --env <environment>` runs. */
async function reviewPath(
  path: string,
  environment: string | undefined,
  autoLint: boolean | undefined,
  context: McpContext,
): Promise<ReviewOutcome> {
  const { verifyPaths, externalTools } = context.backends;
  const result = await runReview(
    {
      projectRoot: context.projectRoot,
      target: path,
      environment,
      ...(externalTools ? { autoLint: autoLint ?? true } : {}),
    },
    {
      loadConstraints,
      parse: (paths, root) => parseSources(paths, { root }),
      verifier: verifyPaths ? { verifyPaths } : { unavailable: UNAVAILABLE_VERIFIER },
      ...externalTools,
    },
  );
  return {
    environment: result.environment,
    findings: result.findings,
    checks: result.checks,
    parsed: result.parsed,
  };
}

/** Inline text: the same policy engine and verifier, on text parsed under its file name. */
async function reviewText(
  source: Extract<Source, { kind: 'text' }>,
  environment: string | undefined,
  context: McpContext,
): Promise<ReviewOutcome> {
  const constraints = await loadConstraints(context.projectRoot);
  const parsed = await parseText(source.text, source.fileName);
  const { verifyText } = context.backends;
  const { policy, findings, checks } = await reviewParsed(
    parsed,
    constraints,
    environment,
    verifyText
      ? {
          verify: async (): Promise<VerifierOutcome> => {
            const verified = await verifyText(source.text, source.fileName, {
              projectRoot: context.projectRoot,
            });
            return { kind: 'ran', findings: verified.findings };
          },
        }
      : { unavailable: UNAVAILABLE_VERIFIER },
  );
  return { environment: policy.environment, findings, checks, parsed };
}
