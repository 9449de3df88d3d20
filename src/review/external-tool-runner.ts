import { findBinary } from '../validators/find-binary.js';
import {
  processValidatorEnvironment,
  searchDirectories,
  toolVariables,
} from '../validators/validator-environment.js';
import type { RunCommand } from './external-tools.js';
import type { ExternalTool } from './run-review.js';

/** execa with reject: false, as the injected command runner (execa loads only when a tool runs). */
export const runCommand: RunCommand = async (command, args, options) => {
  const { execa } = await import('execa');
  const outcome = await execa(command, args, {
    cwd: options.cwd,
    reject: false,
    timeout: options.timeoutMs,
    // The tools never need a model key; execa's extendEnv is off so none is inherited.
    extendEnv: false,
    // PATH keeps only the user's folders outside the project (as for the validators), so a folder of
    // the repository never supplies a program the tool starts.
    env: {
      ...toolVariables(processValidatorEnvironment(), options.cwd),
      BC_SKIP_MAPPING: 'TRUE',
      CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false',
    },
  });
  const notFound =
    (outcome as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(outcome.message ?? ''));
  return {
    exitCode: outcome.exitCode,
    stdout: String(outcome.stdout ?? ''),
    stderr: String(outcome.stderr ?? ''),
    failed: outcome.failed,
    notFound,
  };
};

/** A tool's binary on the user's PATH, then infrakit's own .tools/bin; a folder of the project never counts. */
export const locateExternalTool = (tool: ExternalTool, projectRoot: string): Promise<string | undefined> =>
  findBinary([tool], searchDirectories(processValidatorEnvironment(), projectRoot));
