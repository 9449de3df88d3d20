import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../src/errors/index.js';
import { PROJECT_CONFIG_PATH } from './config-files.js';
import type { ProjectConfig, UserConfig } from './config-schema.js';

/**
 * Project settings a repository must not choose on its own: where the key is sent (`baseUrl`) and
 * which files outside the repository are written or read (`recordFile`, `replayFile`).
 */
export const UNTRUSTED_PROJECT_FIELDS = ['baseUrl', 'recordFile', 'replayFile'] as const;
export type UntrustedProjectField = (typeof UNTRUSTED_PROJECT_FIELDS)[number];

const VARIABLES: Record<UntrustedProjectField, string> = {
  baseUrl: 'INFRAKIT_BASE_URL',
  recordFile: 'INFRAKIT_RECORD_FILE',
  replayFile: 'INFRAKIT_REPLAY_FILE',
};

/** The project's real path, the key of `trustedProjects` in the user config. */
export function projectKey(projectDir: string): string {
  try {
    return realpathSync(projectDir);
  } catch {
    return resolve(projectDir);
  }
}

/**
 * Refuses a committed `baseUrl`, `recordFile` or `replayFile` unless the user approved that exact
 * value for this repository in the user config (`trustedProjects.<path>.<field>`). Only called for
 * fields that the project config would decide (no flag or environment variable set them).
 */
export function checkProjectSettingTrusted(
  field: UntrustedProjectField,
  value: string,
  projectDir: string,
  user: UserConfig,
  userLabel: string,
): void {
  const key = projectKey(projectDir);
  const approved = user.trustedProjects?.[key]?.[field];
  if (approved === value) return;
  const shown = JSON.stringify(value);
  throw new ConfigError(
    `${PROJECT_CONFIG_PATH}: ${field}: ${shown} is set by the repository, which may not choose ${field === 'baseUrl' ? 'the host that receives your API key' : 'a file infrakit writes or reads'}`,
    [
      `${PROJECT_CONFIG_PATH}: ${field}: refused${approved !== undefined ? ` (your user config approves ${JSON.stringify(approved)}, not this value)` : ''}`,
    ],
    {
      hint: [
        `To use it, set it yourself: export ${VARIABLES[field]}=${shown}${field === 'baseUrl' ? '   (or pass --base-url)' : ''}`,
        `or approve it once for this repository in ${userLabel}:`,
        `  trustedProjects:`,
        `    ${JSON.stringify(key)}:`,
        `      ${field}: ${shown}`,
        `or remove ${field} from ${PROJECT_CONFIG_PATH}.`,
      ].join('\n'),
    },
  );
}

/** The project config's value of an untrusted field, when the project is what would decide it. */
export function projectValue(project: ProjectConfig, field: UntrustedProjectField): string | undefined {
  return project[field];
}
