import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findBinary } from './find-binary.js';
import type { DetectedValidator } from './detect.js';
import { findTool, foundTool, type FoundTool, type LocatedTool } from './located-tool.js';
import { runTool, type ToolRun } from './run-tool.js';
import { toolMissing, type RunnerContext, type ValidatorOutcome, type ValidatorRunner } from './runner.js';
import { searchDirectories, toolVariables } from './validator-environment.js';
import { formatValidatorFailure } from './validator-error.js';

/** How to make providers available without the registry; printed when `init` cannot fetch them. */
export const OFFLINE_PROVIDERS_HINT =
  'make the providers available offline, then run the gate again: on a machine with registry access run ' +
  '"tofu providers mirror <dir>" in the module, and here set TF_CLI_CONFIG_FILE to a file containing ' +
  'provider_installation { filesystem_mirror { path = "<dir>" } } (see docs/validators.md)';

/** terraform found on the search path, its version being asked; undefined when absent. */
async function findTerraformBinary(context: RunnerContext): Promise<FoundTool | undefined> {
  const { input, environment } = context;
  const path = await findBinary(['terraform'], searchDirectories(environment, input.projectRoot));
  return path
    ? foundTool(
        'terraform',
        path,
        ['version'],
        toolVariables(environment),
        (version) => `terraform ${version ?? '(version not reported)'}`,
      )
    : undefined;
}

/**
 * tofu (pinned) or terraform (unpinned fallback), in the order the coding style prefers; when
 * neither is present, tofu's detection (what to install). The other one is looked for only when the
 * preferred one is missing: asking a binary that will not run for its version is a process start in
 * every gate.
 */
async function findTerraform(
  context: RunnerContext,
): Promise<{ found: FoundTool } | { missing: DetectedValidator }> {
  const { input, environment, pinned } = context;
  const terraform = async () => {
    const found = await findTerraformBinary(context);
    return found && { found };
  };
  const tofu = () => findTool('tofu', pinned, environment, input.projectRoot);
  if (input.constraints.codingStyle.validator === 'terraform-validate')
    return (await terraform()) ?? (await tofu());
  const preferred = await tofu();
  return 'found' in preferred ? preferred : ((await terraform()) ?? preferred);
}

const failure = (tool: LocatedTool, step: string, run: ToolRun, ran: string[]): ValidatorOutcome => ({
  status: 'failed',
  summary: `${tool.label} ${step} exited with code ${run.exitCode ?? 'unknown'}`,
  output: formatValidatorFailure({ tool: tool.name, version: tool.version, run }),
  ran,
});

/** Runs `fmt -check`, then `init -backend=false` + `validate` in a copy of each module folder. */
export const terraformRunner: ValidatorRunner = async (context) => {
  const { input, environment } = context;
  const result = await findTerraform(context);
  if ('missing' in result)
    return toolMissing(
      result.missing,
      'neither tofu nor terraform is installed, so the module cannot be checked',
    );
  const { found } = result;
  const modules = [
    ...new Set(input.files.filter((file) => file.endsWith('.tf')).map((file) => dirname(file))),
  ];
  if (modules.length === 0) {
    await found.located; // no version process is left running behind the answer
    return { status: 'failed', summary: 'no Terraform (.tf) files among the generated files', ran: [] };
  }
  const variables = {
    ...toolVariables(environment, input.projectRoot),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const options = { variables, timeoutMs: environment.timeoutMs, signal: input.signal };
  const ran: string[] = [];
  const notValidated: string[] = [];
  for (const module of modules) {
    const moduleDirectory = resolve(input.projectRoot, module);
    // The first fmt starts beside the version question (found.located), not after it.
    const fmt = await runTool(found.path, ['fmt', '-check', '-diff', '-no-color'], {
      ...options,
      cwd: moduleDirectory,
    });
    const tool = await found.located;
    ran.push(`${tool.label}: fmt -check (${module})`);
    if (fmt.exitCode !== 0) return failure(tool, `fmt -check in ${module}`, fmt, ran);
    const copy = await mkdtemp(join(environment.temporaryDirectory ?? tmpdir(), 'infrakit-tf-'));
    try {
      await cp(moduleDirectory, copy, {
        recursive: true,
        filter: (source) => !source.includes('.terraform'),
      });
      const init = await runTool(tool.path, ['init', '-backend=false', '-input=false', '-no-color'], {
        ...options,
        cwd: copy,
        timeoutMs: 120_000,
      });
      if (init.exitCode !== 0) {
        notValidated.push(
          `${module}: ${tool.name} init could not install the providers:\n${[init.stderr, init.stdout].filter(Boolean).join('\n').trim()}`,
        );
        continue;
      }
      ran.push(`${tool.label}: init -backend=false (${module})`);
      const validate = await runTool(tool.path, ['validate', '-no-color'], { ...options, cwd: copy });
      ran.push(`${tool.label}: validate (${module})`);
      if (validate.exitCode !== 0) return failure(tool, `validate in ${module}`, validate, ran);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
  const { label } = await found.located;
  if (notValidated.length) {
    return {
      status: 'unavailable',
      summary: `${label} fmt -check passed, but validate could not run: the providers are not available offline`,
      output: notValidated.join('\n\n'),
      installHint: OFFLINE_PROVIDERS_HINT,
      ran,
    };
  }
  return {
    status: 'passed',
    summary: `${label} fmt -check and validate passed on ${modules.length} module(s)`,
    ran,
  };
};
