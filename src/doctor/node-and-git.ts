import type { DoctorCheck } from './check.js';

/** The oldest Node.js infrakit supports (package.json engines). */
export const MINIMUM_NODE = '20.19.0';

const parts = (version: string): number[] =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);

/** True when `version` is at least `minimum` (both x.y.z). */
export function atLeast(version: string, minimum: string): boolean {
  const [have, need] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index += 1) {
    if ((have[index] ?? 0) !== (need[index] ?? 0)) return (have[index] ?? 0) > (need[index] ?? 0);
  }
  return true;
}

/** Node.js must satisfy the engines range. */
export function checkNode(nodeVersion: string): DoctorCheck {
  const ok = atLeast(nodeVersion, MINIMUM_NODE);
  return {
    id: 'node',
    title: 'Node.js',
    status: ok ? 'ok' : 'error',
    detail: ok
      ? `v${nodeVersion.replace(/^v/, '')}`
      : `v${nodeVersion.replace(/^v/, '')} is older than the required ${MINIMUM_NODE}`,
    fix: ok ? undefined : `install Node.js ${MINIMUM_NODE} or newer (e.g. "nvm install 20 && nvm use 20")`,
    required: true,
  };
}

/** git must be on the PATH: every step of a track is committed. */
export function checkGit(gitVersion: string | undefined): DoctorCheck {
  return {
    id: 'git',
    title: 'git',
    status: gitVersion ? 'ok' : 'missing',
    detail: gitVersion ?? 'not found on PATH',
    fix: gitVersion
      ? undefined
      : 'sudo apt-get install -y git (macOS: xcode-select --install; others: https://git-scm.com/downloads)',
    required: true,
  };
}
