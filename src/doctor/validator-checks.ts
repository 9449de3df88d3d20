import type { IacTool } from '../constraints/schema.js';
import type { DetectedValidator } from '../validators/detect.js';
import type { DoctorCheck } from './check.js';
import { alternativesOf, isRequiredBy } from './requirements.js';

/** A Terraform binary found on the PATH (not pinned: tofu is the pinned one). */
export interface DetectedTerraform {
  path: string;
  version?: string;
}

/** Extra advice where the pinned install command is known to fail on some machines. */
const ALTERNATIVE_INSTALL: Readonly<Record<string, string>> = {
  crank:
    'if the Go module proxy refuses the crossplane module (HTTP 403), use the release binary: curl -sL "https://raw.githubusercontent.com/crossplane/crossplane/main/install.sh" | XP_CHANNEL=stable XP_VERSION=v2.2.4 sh, then put "crossplane" on the PATH',
};

/** One check per pinned validator, plus terraform as an alternative to tofu. */
export function validatorChecks(
  detected: readonly DetectedValidator[],
  terraform: DetectedTerraform | undefined,
  iac: IacTool | undefined,
): DoctorCheck[] {
  const present = new Set(detected.filter((tool) => tool.present).map((tool) => tool.name));
  if (terraform) present.add('terraform');
  const checks = detected.map((tool) => checkOne(tool, iac, present));
  checks.push(checkTerraform(terraform, iac, present));
  return checks;
}

function checkOne(
  tool: DetectedValidator,
  iac: IacTool | undefined,
  present: ReadonlySet<string>,
): DoctorCheck {
  const alternatives = alternativesOf(iac, tool.name).filter((name) => name !== tool.name);
  const coveredByAlternative = alternatives.some((name) => present.has(name));
  const required = isRequiredBy(iac, tool.name) && !coveredByAlternative;
  const title = `${tool.name}${tool.binaries.length > 1 ? ` (${tool.binaries.join(' or ')})` : ''}`;
  if (!tool.present) {
    const alternative = ALTERNATIVE_INSTALL[tool.name];
    return {
      id: `validator:${tool.name}`,
      title,
      status: required ? 'missing' : 'warn',
      detail: `not found on PATH or in infrakit's own .tools/bin; a .tools/bin in the project is never used (pinned ${tool.pinnedVersion})${coveredByAlternative ? `; ${alternatives.join(' or ')} is used instead` : ''}`,
      fix: alternative ? `${tool.installCommand}\n${alternative}` : tool.installCommand,
      required,
    };
  }
  // A tool that should report its version but cannot (a stale pyenv shim, a broken install) does not run.
  const broken = tool.version === undefined && !tool.matchesPin;
  const version =
    tool.version ??
    (broken ? 'found, but it failed to report its version: it does not run' : 'version not reported');
  const status = tool.matchesPin ? 'ok' : broken && required ? 'error' : 'warn';
  return {
    id: `validator:${tool.name}`,
    title,
    status,
    detail: `${version} at ${tool.path}${tool.matchesPin ? '' : ` — pinned ${tool.pinnedVersion}`}`,
    fix: tool.matchesPin ? undefined : tool.installCommand,
    required,
  };
}

function checkTerraform(
  terraform: DetectedTerraform | undefined,
  iac: IacTool | undefined,
  present: ReadonlySet<string>,
): DoctorCheck {
  const coveredByTofu = present.has('tofu');
  const required = isRequiredBy(iac, 'terraform') && !coveredByTofu;
  if (!terraform) {
    return {
      id: 'validator:terraform',
      title: 'terraform',
      status: 'warn',
      detail: `not found on PATH (optional: ${coveredByTofu ? 'tofu is used' : 'tofu is preferred'})`,
      required: false,
    };
  }
  return {
    id: 'validator:terraform',
    title: 'terraform',
    status: 'ok',
    detail: `${terraform.version ?? 'version not reported'} at ${terraform.path}${coveredByTofu ? ' (tofu is preferred when both are present)' : ''}`,
    required,
  };
}
