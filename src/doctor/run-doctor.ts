import type { IacTool } from '../constraints/schema.js';
import type { SchemaCoverage } from '../schemas/discover/project-coverage.js';
import type { DetectedValidator } from '../validators/detect.js';
import { isBlocking, type DoctorCheck, type DoctorReport } from './check.js';
import { checkProjectConstraints } from './constraints-check.js';
import { checkGit, checkNode } from './node-and-git.js';
import { checkProviderKeys } from './provider-keys.js';
import { checkSchemas } from './schema-check.js';
import { validatorChecks, type DetectedTerraform } from './validator-checks.js';

/** Everything the doctor reads from the outside world, injected for tests. */
export interface DoctorDeps {
  /** The project root (nearest folder with .infrakit/), or undefined outside a project. */
  projectRoot: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  nodeVersion: string;
  gitVersion(): Promise<string | undefined>;
  detectValidators(projectRoot: string | undefined): Promise<DetectedValidator[]>;
  detectTerraform(projectRoot: string | undefined): Promise<DetectedTerraform | undefined>;
  /** Which provider schemas the project's store holds; no schema line when absent. */
  schemaCoverage?(projectRoot: string, iac: IacTool): Promise<SchemaCoverage>;
}

/** Runs every check and decides the exit code: 3 invalid constraints, 5 something required missing, else 0. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const [constraints, gitVersion, detected, terraform] = await Promise.all([
    checkProjectConstraints(deps.projectRoot),
    deps.gitVersion(),
    deps.detectValidators(deps.projectRoot),
    deps.detectTerraform(deps.projectRoot),
  ]);
  const checks: DoctorCheck[] = [
    checkNode(deps.nodeVersion),
    checkGit(gitVersion),
    constraints.check,
    checkProviderKeys(deps.env),
    ...validatorChecks(detected, terraform, constraints.iac),
    ...(deps.projectRoot && constraints.iac && deps.schemaCoverage
      ? [checkSchemas(constraints.iac, await deps.schemaCoverage(deps.projectRoot, constraints.iac))]
      : []),
  ];
  const blocking = checks.filter(isBlocking);
  const constraintsInvalid = constraints.check.status === 'error';
  const exitCode = constraintsInvalid ? 3 : blocking.length ? 5 : 0;
  return {
    projectRoot: deps.projectRoot,
    iac: constraints.iac,
    checks,
    exitCode,
    summary: summarise(exitCode, blocking, constraints.iac),
  };
}

function summarise(exitCode: number, blocking: DoctorCheck[], iac: string | undefined): string {
  if (exitCode === 3) return 'the constraint files are invalid: fix them first (exit 3)';
  if (exitCode === 5) {
    return `blocked: ${blocking.map((check) => check.id.replace(/^validator:/, '')).join(', ')} ${blocking.length === 1 ? 'is' : 'are'} required${iac ? ` for ${iac}` : ''} (exit 5)`;
  }
  return iac
    ? `ready: everything ${iac} needs is installed`
    : 'ready: no project here, so no IaC tool is required';
}
