import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Constraints } from '../constraints/load.js';
import type { Finding } from '../findings/finding.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { runPolicy, type PolicyResult } from '../policy/engine.js';
import type { ResolvedEnvironment } from '../policy/environment.js';
import { runExternalTool, type ExternalToolResult, type RunCommand } from './external-tools.js';
import { scoreFindings, type ReviewScore } from './score.js';
import type { VerifyPaths } from './verify-loader.js';
import { allFinished } from '../util/all-finished.js';

/** External tools `review --with` can merge. */
export const EXTERNAL_TOOLS = ['checkov', 'cfn-lint'] as const;
export type ExternalTool = (typeof EXTERNAL_TOOLS)[number];

/** Everything `review` needs, injected so tests run without the CLI. */
export interface ReviewDependencies {
  loadConstraints(projectRoot: string): Promise<Constraints>;
  parse(paths: string[], projectRoot: string): Promise<ParsedSource>;
  /** The verifier, or why it is unavailable. */
  verifier: { verifyPaths: VerifyPaths } | { unavailable: string };
  run?: RunCommand;
  /**
   * Where an external tool's binary is on the user's PATH or in infrakit's own tool folder (never a
   * folder of the project), or undefined when it is not installed; used by the automatic cfn-lint run.
   */
  locate?: (tool: ExternalTool, projectRoot: string) => Promise<string | undefined>;
}

/** What one review asked for. */
export interface ReviewRequest {
  projectRoot: string;
  /** The reviewed path (file or folder), relative to projectRoot or absolute. */
  target: string;
  environment?: string;
  with?: ExternalTool[];
  /**
   * Run cfn-lint by itself over CloudFormation sources (the patterns, lengths and numeric bounds the
   * verifier does not carry) when it is installed, and say so either way; `--with cfn-lint` runs it once.
   * False (`--no-auto-lint`) lists it as skipped; undefined (callers other than the CLI) leaves it out.
   */
  autoLint?: boolean;
}

/** What the automatic cfn-lint run checks that the verifier does not. */
export const AUTO_LINT_CLASSES = 'patterns, lengths and numeric bounds';

/** The outcome of each check that was asked to run. */
export interface CheckStatus {
  name: 'policy' | 'verify' | ExternalTool;
  /** `skipped`: not run because the user asked so (`--no-auto-lint`). */
  status: 'ran' | 'unavailable' | 'failed' | 'skipped';
  detail?: string;
  version?: string;
  findings: number;
  /** True when the check ran (or was looked for) without being asked: the automatic cfn-lint run. */
  automatic?: boolean;
}

/** A review: findings from every source, the score and which checks really ran. */
export interface ReviewResult {
  target: string;
  files: string[];
  environment: ResolvedEnvironment;
  findings: Finding[];
  score: ReviewScore;
  checks: CheckStatus[];
  policy: PolicyResult;
  parsed: ParsedSource;
}

/** Runs the verifier, the policy engine and the requested external tools over one path. */
export async function runReview(
  request: ReviewRequest,
  dependencies: ReviewDependencies,
): Promise<ReviewResult> {
  const projectRoot = resolve(request.projectRoot);
  const target = resolve(projectRoot, request.target);
  await stat(target);
  const shown = relative(projectRoot, target) || '.';
  const constraints = await dependencies.loadConstraints(projectRoot);
  const parsed = await dependencies.parse([shown], projectRoot);
  const { verifier } = dependencies;
  const { policy, findings, checks } = await reviewParsed(
    parsed,
    constraints,
    request.environment,
    'verifyPaths' in verifier
      ? {
          verify: async (): Promise<VerifierOutcome> => {
            try {
              const verified = await verifier.verifyPaths([shown], { projectRoot });
              // A verify that checked nothing against a schema is said as such in the Checks section.
              const { uncheckedAnswer } = await import('../verify/nothing-checked.js');
              const unchecked = uncheckedAnswer('verify', shown, verified);
              return unchecked
                ? {
                    kind: 'ran',
                    findings: verified.findings,
                    unchecked: `${unchecked.message}. ${unchecked.hint}`,
                  }
                : { kind: 'ran', findings: verified.findings };
            } catch (error) {
              return { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
            }
          },
        }
      : verifier,
  );
  const fileOf = (reported: string) => {
    const absolute =
      isAbsolute(reported) && reported.startsWith(projectRoot)
        ? reported
        : resolve(projectRoot, reported.replace(/^\/+/, ''));
    return relative(projectRoot, absolute);
  };
  const filesFor = (tool: ExternalTool) =>
    parsed.files.filter(
      (file) =>
        tool === 'checkov' ||
        (/\.(ya?ml|json|template)$/i.test(file) &&
          parsed.resources.some(
            (resource) => resource.tool === 'cloudformation' && resource.location.file === file,
          )),
    );
  // The external tools run side by side (each is a Python start-up of a second or more); their
  // findings and checks are added in the order the tools are listed, whichever finishes first.
  const toolFindings = new Map<string, Finding[]>();
  const runTool = async (tool: ExternalTool, files: string[], binary?: string): Promise<CheckStatus> => {
    if (!dependencies.run)
      return { name: tool, status: 'unavailable', findings: 0, detail: 'no command runner' };
    const outcome: ExternalToolResult = await runExternalTool(tool, files, {
      cwd: projectRoot,
      run: dependencies.run,
      fileOf,
      ...(binary ? { binary } : {}),
    });
    toolFindings.set(tool, outcome.findings);
    return {
      name: tool,
      status: outcome.status,
      findings: outcome.findings.length,
      ...(outcome.version ? { version: outcome.version } : {}),
      ...(outcome.detail
        ? {
            detail:
              outcome.status === 'unavailable'
                ? `${outcome.detail} (${outcome.installHint})`
                : outcome.detail,
          }
        : {}),
    };
  };
  const requested = [...new Set(request.with ?? [])];
  const external: Array<Promise<CheckStatus>> = requested.map((tool) => runTool(tool, filesFor(tool)));
  const cloudFormationFiles = filesFor('cfn-lint');
  if (request.autoLint !== undefined && !requested.includes('cfn-lint') && cloudFormationFiles.length > 0)
    external.push(
      request.autoLint
        ? autoLint(cloudFormationFiles)
        : Promise.resolve({
            name: 'cfn-lint',
            status: 'skipped',
            automatic: true,
            findings: 0,
            detail: `--no-auto-lint: CloudFormation ${AUTO_LINT_CLASSES} not checked`,
          }),
    );
  // Every tool has finished before the review answers or fails: none is left running behind it.
  for (const check of await allFinished(external)) {
    checks.push(check);
    findings.push(...(toolFindings.get(check.name) ?? []));
  }
  async function autoLint(files: string[]): Promise<CheckStatus> {
    const binary = dependencies.locate ? await dependencies.locate('cfn-lint', projectRoot) : undefined;
    if (!binary)
      return {
        name: 'cfn-lint',
        status: 'unavailable',
        automatic: true,
        findings: 0,
        detail: `CloudFormation ${AUTO_LINT_CLASSES} not checked: cfn-lint is not installed or not on PATH (pip install cfn-lint)`,
      };
    const check = await runTool('cfn-lint', files, binary);
    return {
      ...check,
      automatic: true,
      detail:
        check.status === 'ran'
          ? `ran automatically for CloudFormation: ${AUTO_LINT_CLASSES} (--no-auto-lint skips it)`
          : `ran automatically for CloudFormation (${AUTO_LINT_CLASSES}) and ${check.detail ?? 'failed'}`,
    };
  }
  return {
    target: shown,
    files: parsed.files,
    environment: policy.environment,
    findings,
    score: scoreFindings(findings),
    checks,
    policy,
    parsed,
  };
}

/** How a review reaches the verifier: a call that returns its findings (or why it failed), or why there is none. */
export type ReviewVerifier = { verify(): Promise<VerifierOutcome> } | { unavailable: string };

/** What one verifier call gave a review: its findings, or the message it failed with. */
export type VerifierOutcome =
  | {
      kind: 'ran';
      findings: Finding[];
      /** Set when no resource was checked against a schema. */ unchecked?: string;
    }
  | { kind: 'failed'; detail: string };

/**
 * The checks every review runs on parsed sources, whether from paths (`infrakit review`) or inline
 * text (the MCP `review` tool): parse errors and the policy engine, then the verifier.
 */
export async function reviewParsed(
  parsed: ParsedSource,
  constraints: Constraints,
  environment: string | undefined,
  verifier: ReviewVerifier,
): Promise<{ policy: PolicyResult; findings: Finding[]; checks: CheckStatus[] }> {
  const policy = runPolicy(parsed, constraints, { environment });
  const checks: CheckStatus[] = [
    {
      name: 'policy',
      status: 'ran',
      findings: policy.findings.length,
      detail: `${policy.rulesRun.length} rules`,
    },
  ];
  const parseFindings: Finding[] = parsed.errors.map((error) => ({
    ruleId: 'IK-PARSE',
    severity: 'high',
    message: error.message,
    location: error.location,
    source: 'verify',
  }));
  const findings: Finding[] = [...parseFindings, ...policy.findings];
  if ('verify' in verifier) {
    const verified = await verifier.verify();
    if (verified.kind === 'failed') {
      checks.push({ name: 'verify', status: 'failed', findings: 0, detail: verified.detail });
    } else {
      // The verifier reports the same unreadable file again: keep one IK-PARSE per location.
      const parsedAt = new Set(
        parseFindings.map((finding) => `${finding.location.file}:${finding.location.line}`),
      );
      const verifiedFindings = verified.findings.filter(
        (finding) =>
          finding.ruleId !== 'IK-PARSE' || !parsedAt.has(`${finding.location.file}:${finding.location.line}`),
      );
      findings.push(...verifiedFindings);
      checks.push(
        verified.unchecked
          ? {
              name: 'verify',
              status: 'unavailable',
              findings: verifiedFindings.length,
              detail: verified.unchecked,
            }
          : { name: 'verify', status: 'ran', findings: verifiedFindings.length },
      );
    }
  } else {
    checks.push({ name: 'verify', status: 'unavailable', findings: 0, detail: verifier.unavailable });
  }
  return { policy, findings, checks };
}
