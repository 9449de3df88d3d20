import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findBinary } from './find-binary.js';
import { locateTool, type LocatedTool } from './located-tool.js';
import { runTool, type ToolRun } from './run-tool.js';
import { toolMissing, type RunnerContext, type ValidatorOutcome, type ValidatorRunner } from './runner.js';
import { readToolVersion } from './tool-version.js';
import { searchDirectories, toolVariables } from './validator-environment.js';
import { formatValidatorFailure } from './validator-error.js';

/** How to make providers available without the registry; printed when `init` cannot fetch them. */
export const OFFLINE_PROVIDERS_HINT =
  'make the providers available offline, then run the gate again: on a machine with registry access run ' +
  '"tofu providers mirror <dir>" in the module, and here set TF_CLI_CONFIG_FILE to a file containing ' +
  'provider_installation { filesystem_mirror { path = "<dir>" } } (see docs/validators.md)';

/** tofu (pinned) or terraform (unpinned fallback), in the order the coding style prefers. */
async function locateTerraform(context: RunnerContext): Promise<LocatedTool | undefined> {
  const { input, environment, pinned } = context;
  const tofu = await locateTool('tofu', pinned, environment, input.projectRoot);
  const terraformPath = await findBinary(['terraform'], searchDirectories(environment, input.projectRoot));
  const terraform = terraformPath
    ? {
        name: 'terraform',
        path: terraformPath,
        version: await readToolVersion(terraformPath, ['version'], toolVariables(environment)),
      }
    : undefined;
  const terraformTool = terraform && {
    ...terraform,
    label: `terraform ${terraform.version ?? '(version not reported)'}`,
  };
  const tofuTool = 'tool' in tofu ? tofu.tool : undefined;
  const preferTerraform = input.constraints.codingStyle.validator === 'terraform-validate';
  return preferTerraform ? (terraformTool ?? tofuTool) : (tofuTool ?? terraformTool);
}

const failure = (tool: LocatedTool, step: string, run: ToolRun, ran: string[]): ValidatorOutcome => ({
  status: 'failed',
  summary: `${tool.label} ${step} exited with code ${run.exitCode ?? 'unknown'}`,
  output: formatValidatorFailure({ tool: tool.name, version: tool.version, run }),
  ran,
});

/** Runs `fmt -check`, then `init -backend=false` + `validate` in a copy of each module folder. */
export const terraformRunner: ValidatorRunner = async (context) => {
  const { input, environment, pinned } = context;
  const tool = await locateTerraform(context);
  if (!tool) {
    const missing = await locateTool('tofu', pinned, environment, input.projectRoot);
    if ('missing' in missing)
      return toolMissing(
        missing.missing,
        'neither tofu nor terraform is installed, so the module cannot be checked',
      );
    throw new Error('unreachable: tofu found but not located');
  }
  const modules = [
    ...new Set(input.files.filter((file) => file.endsWith('.tf')).map((file) => dirname(file))),
  ];
  if (modules.length === 0)
    return { status: 'failed', summary: 'no Terraform (.tf) files among the generated files', ran: [] };
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
    const fmt = await runTool(tool.path, ['fmt', '-check', '-diff', '-no-color'], {
      ...options,
      cwd: moduleDirectory,
    });
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
  if (notValidated.length) {
    return {
      status: 'unavailable',
      summary: `${tool.label} fmt -check passed, but validate could not run: the providers are not available offline`,
      output: notValidated.join('\n\n'),
      installHint: OFFLINE_PROVIDERS_HINT,
      ran,
    };
  }
  return {
    status: 'passed',
    summary: `${tool.label} fmt -check and validate passed on ${modules.length} module(s)`,
    ran,
  };
};
