import { loadConstraints } from '../../constraints/load.js';
import { parseSources } from '../../iac/parse.js';
import { ruleById, POLICY_RULES } from '../../policy/rules/index.js';
import { readTexts, writePatches } from '../../review/apply-fixes.js';
import { locateExternalTool, runCommand } from '../../review/external-tool-runner.js';
import { runReview, type ExternalTool, type ReviewResult } from '../../review/run-review.js';
import { loadVerifier } from '../../review/verify-loader.js';
import { buildSarif, type SarifRuleInfo } from '../../sarif/build-sarif.js';
import { packageVersion } from '../package-version.js';
import type { ModelOpinion } from '../../review/model-opinions.js';
import type { CliIO } from '../io.js';
import { progressBoardFor, withCallProgress } from '../model-progress.js';

export { findProjectRoot } from '../../project/project-root.js';
export { renderReview } from '../../review/render-table.js';
export { renderModelOpinions } from '../../review/render-model-opinions.js';
export { writeFileAtomic } from '../../fs/atomic-write.js';

/**
 * `--with-model`: resolves the provider first (a missing key fails here, before any work) and
 * returns the runner that asks the Architect and the Security Engineer for advisory opinions.
 */
export async function modelOpinionRunner(
  io: CliIO,
  projectRoot: string,
): Promise<(result: ReviewResult) => Promise<{ opinions: ModelOpinion[]; notes: string[] }>> {
  const [{ modelClientFactoryFor }, { loadPersonas }, { modelOpinions }] = await Promise.all([
    import('../relay-runtime.js'),
    import('../../personas/load.js'),
    import('../../review/model-opinions.js'),
  ]);
  const factory = await modelClientFactoryFor(io, {}, projectRoot);
  const personas = await loadPersonas();
  // The two reviewers run in parallel: two progress lines.
  const board = progressBoardFor(io);
  return async (result) =>
    modelOpinions({
      projectRoot,
      files: result.files,
      findings: result.findings,
      documents: (await loadConstraints(projectRoot)).documents,
      personas,
      modelFor: (persona) => withCallProgress(factory(persona.id), persona, board),
    });
}

/** One review with the real dependencies. */
export async function reviewOnce(
  projectRoot: string,
  target: string,
  options: { env?: string; with?: string[]; autoLint?: boolean },
): Promise<ReviewResult> {
  return runReview(
    {
      projectRoot,
      target,
      environment: options.env,
      with: (options.with ?? []) as ExternalTool[],
      autoLint: options.autoLint !== false,
    },
    {
      loadConstraints,
      parse: (paths, root) => parseSources(paths, { root }),
      verifier: await loadVerifier(),
      run: runCommand,
      locate: locateExternalTool,
    },
  );
}

/** SARIF for a review, with our rule metadata. */
export function sarifOf(result: ReviewResult): Record<string, unknown> {
  const rules = new Map<string, SarifRuleInfo>(
    POLICY_RULES.map((rule) => [
      rule.id,
      {
        id: rule.id,
        title: rule.title,
        description: rule.rationale,
        controls: rule.controls,
        helpUri: 'https://github.com/infrakit/infrakit/blob/main/docs/policy.md',
      },
    ]),
  );
  const versions = Object.fromEntries(
    result.checks.filter((check) => check.version).map((check) => [check.name, check.version]),
  );
  return buildSarif({
    findings: result.findings,
    rules,
    tools: {
      infrakit: {
        name: 'infrakit',
        version: packageVersion(),
        informationUri: 'https://github.com/infrakit/infrakit',
      },
      checkov: {
        name: 'checkov',
        ...(versions.checkov ? { version: versions.checkov } : {}),
        informationUri: 'https://www.checkov.io',
      },
      'cfn-lint': {
        name: 'cfn-lint',
        ...(versions['cfn-lint'] ? { version: versions['cfn-lint'] } : {}),
        informationUri: 'https://github.com/aws-cloudformation/cfn-lint',
      },
    },
  });
}

/** The --json result; advisory model opinions, when asked for, go under `modelOpinions`. */
export function jsonOf(
  result: ReviewResult,
  model?: { opinions: ModelOpinion[]; notes: string[] },
): Record<string, unknown> {
  return {
    target: result.target,
    files: result.files,
    environment: {
      name: result.environment.environment.name,
      origin: result.environment.origin,
      reason: result.environment.reason,
    },
    score: result.score,
    checks: result.checks,
    findings: result.findings.map((finding) => ({ ...finding, title: ruleById(finding.ruleId)?.title })),
    ...(model ? { modelOpinions: { advisory: true, notes: model.notes, opinions: model.opinions } } : {}),
  };
}

/** Plans fixes, shows the diff, and writes after confirmation or --yes. */
export async function fixInteractively(
  io: CliIO,
  say: (text: string) => void,
  projectRoot: string,
  result: ReviewResult,
  yes: boolean,
): Promise<{ written: boolean }> {
  // The fix planner (and the diff package) loads only for --fix.
  const [texts, { patchDiff, planFixes }] = await Promise.all([
    readTexts(projectRoot, result.files),
    import('../../review/fix/plan-fixes.js'),
  ]);
  const plan = planFixes(result.policy, result.parsed, texts);
  for (const reason of plan.skipped) say(io.style.dim(`not fixed: ${reason}`));
  if (plan.patches.length === 0) {
    say('No deterministic fix applies.');
    return { written: false };
  }
  for (const patch of plan.patches) say(patchDiff(patch));
  let confirmed = yes;
  if (!yes) {
    if (!io.interactive) {
      say(io.style.yellow('Not written: pass --yes to apply these fixes without a prompt.'));
      return { written: false };
    }
    const { confirm } = await import('@inquirer/prompts');
    confirmed = await confirm({
      message: `Write these fixes to ${plan.patches.length} file(s)?`,
      default: false,
    });
  }
  if (!confirmed) return { written: false };
  const written = await writePatches(projectRoot, result.target, plan.patches);
  say(
    io.style.green(
      `Fixed ${plan.patches.reduce((total, patch) => total + patch.fixed.length, 0)} finding(s) in ${written.join(', ')}.`,
    ),
  );
  return { written: true };
}
