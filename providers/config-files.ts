import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { aliasLimitProblemInText } from '../src/iac/yaml/alias-limits.js';
import type { z } from 'zod';
import { ConfigError } from '../src/errors/index.js';
import {
  ProjectConfigSchema,
  SECRET_FIELD,
  UserConfigSchema,
  type ProjectConfig,
  type UserConfig,
} from './config-schema.js';

/** Where the project config lives, relative to the project root. */
export const PROJECT_CONFIG_PATH = '.infrakit/config.yaml';

/** The user config path: $XDG_CONFIG_HOME/infrakit/config.yaml, else ~/.config/infrakit/config.yaml. */
export function userConfigPath(env: Record<string, string | undefined>): string | undefined {
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  return base ? join(base, 'infrakit', 'config.yaml') : undefined;
}

/** Reads and validates `.infrakit/config.yaml`; absent is fine, a key in it is an error. */
export async function readProjectConfig(projectDir: string): Promise<ProjectConfig> {
  const config = await readYamlConfig(
    join(projectDir, PROJECT_CONFIG_PATH),
    PROJECT_CONFIG_PATH,
    ProjectConfigSchema,
  );
  const secrets = findSecretFields(config);
  if (secrets.length > 0) {
    throw new ConfigError(
      `${PROJECT_CONFIG_PATH} must not contain API keys (found ${secrets.join(', ')})`,
      secrets.map(
        (field) =>
          `${PROJECT_CONFIG_PATH}: ${field}: remove it; keys live only in the environment or the user config`,
      ),
      {
        hint: 'Remove the key from the file (and from git history), then set ANTHROPIC_API_KEY or OPENAI_API_KEY, or use ~/.config/infrakit/config.yaml.',
      },
    );
  }
  return config;
}

/** Reads and validates the user config; absent is fine. */
export async function readUserConfig(path: string | undefined): Promise<UserConfig> {
  return path ? readYamlConfig(path, path, UserConfigSchema) : {};
}

async function readYamlConfig<S extends z.ZodType>(
  path: string,
  shown: string,
  schema: S,
): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {} as z.infer<S>;
    throw new ConfigError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const aliasProblem = aliasLimitProblemInText(text);
  if (aliasProblem)
    throw new ConfigError(`${shown}: refused: ${aliasProblem}`, [`${shown}: ${aliasProblem}`]);
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (error) {
    throw new ConfigError(`${shown}: invalid YAML`, [`${shown}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${shown}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`${shown} is invalid`, problems, { hint: 'See docs/providers.md for the fields.' });
  }
  return result.data;
}

function findSecretFields(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = path ? `${path}.${key}` : key;
    return SECRET_FIELD.test(key) ? [here] : findSecretFields(child, here);
  });
}
