import { projectSchemaCoverage } from '../schemas/discover/project-coverage.js';
import { detectValidators } from '../validators/detect.js';
import { findBinary } from '../validators/find-binary.js';
import { runTool } from '../validators/run-tool.js';
import { readToolVersion } from '../validators/tool-version.js';
import {
  infrakitToolsDirectory,
  searchDirectories,
  toolVariables,
  type ValidatorEnvironment,
} from '../validators/validator-environment.js';
import type { DoctorDeps } from './run-doctor.js';

/** The real doctor dependencies for this process: its PATH, its environment, its Node.js. */
export function systemDoctorDeps(
  projectRoot: string | undefined,
  env: NodeJS.ProcessEnv,
  nodeVersion: string,
): DoctorDeps {
  const environment: ValidatorEnvironment = {
    path: env.PATH ?? '',
    variables: env,
    timeoutMs: 30_000,
    ownToolsDirectory: infrakitToolsDirectory(),
  };
  return {
    projectRoot,
    env,
    nodeVersion,
    async gitVersion() {
      const git = await findBinary(['git'], searchDirectories(environment, projectRoot));
      if (!git) return undefined;
      const run = await runTool(git, ['--version'], {
        cwd: process.cwd(),
        variables: env,
        timeoutMs: 30_000,
      });
      return run.exitCode === 0 ? run.stdout.trim().replace(/^git version /, '') : undefined;
    },
    detectValidators: (root) => detectValidators(environment, { projectRoot: root }),
    schemaCoverage: (root, iac) => projectSchemaCoverage(root, iac, { env }),
    async detectTerraform(root) {
      const path = await findBinary(['terraform'], searchDirectories(environment, root));
      if (!path) return undefined;
      return { path, version: await readToolVersion(path, ['version'], toolVariables(environment, root)) };
    },
  };
}
