import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, UsageError } from '../src/errors/index.js';
import { readProjectConfig, readUserConfig, userConfigPath } from './config-files.js';
import type { ProjectConfig, UserConfig } from './config-schema.js';
import { isModelKeyVariable } from '../src/secrets/child-environment.js';
import { registerSecret } from '../src/secrets/known-secrets.js';
import { packageRoot } from '../src/util/package-root.js';
import { checkCompatibleBaseUrl } from './openai-compatible/base-url.js';
import {
  checkProjectSettingTrusted,
  UNTRUSTED_PROJECT_FIELDS,
  type UntrustedProjectField,
} from './project-trust.js';
import { loadRecording, type Recording } from './replay/recording-format.js';
import { PROVIDER_NAMES, SETTING_DEFAULTS, type ProviderName } from './settings.js';

/** The model flags every pipeline command accepts. */
export interface ProviderFlags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  /** Play back this recording instead of calling a model (implies provider replay). */
  replay?: string;
  /** Record every exchange to this file. */
  record?: string;
}

/** Provider settings after merging flags > env > .infrakit/config.yaml > user config. */
export interface ResolvedProviderSettings {
  provider: ProviderName;
  model: string;
  baseUrl?: string;
  /** Non-enumerable: JSON.stringify and object spreads leave it out. */
  readonly apiKey?: string;
  /** Where the key came from, e.g. `ANTHROPIC_API_KEY`; safe to print. */
  keySource?: string;
  maxRetries: number;
  timeoutMs: number;
  contentAttempts: number;
  /** First back-off of our own retry helper, doubling per try. */
  retryBaseDelayMs?: number;
  maxTokens: number;
  personas: Record<string, { model: string }>;
  recordFile?: string;
  /** The loaded recording when provider is `replay`; `scripted` is shown to the user. */
  replay?: Recording & { file: string };
  /** Which source set each field: `flag`, `env:NAME`, `.infrakit/config.yaml`, user config path, `default`. */
  sources: Record<string, string>;
}

/** What resolveProviderSettings reads; everything is injectable for tests. */
export interface ResolveOptions {
  flags?: ProviderFlags;
  env?: Record<string, string | undefined>;
  projectDir: string;
  /** Defaults to $XDG_CONFIG_HOME/infrakit/config.yaml (or ~/.config/...). */
  userConfigFile?: string;
}

const DEFAULT_MODELS: Record<ProviderName, string | undefined> = {
  anthropic: 'claude-sonnet-4-6',
  openai: 'gpt-4.1',
  'openai-compatible': undefined,
  replay: 'replay',
};

/** Environment variable holding each provider's key. */
export const KEY_VARIABLES: Record<ProviderName, string | undefined> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  'openai-compatible': 'INFRAKIT_OPENAI_COMPATIBLE_API_KEY',
  replay: undefined,
};

/**
 * Resolves provider settings and fails before any work when something is missing: an unknown
 * provider, no model, a base URL without /v1, an unreadable recording, or no API key
 * (ConfigError, exit 3, naming the variable and how to set it).
 */
export async function resolveProviderSettings(options: ResolveOptions): Promise<ResolvedProviderSettings> {
  const flags = options.flags ?? {};
  const env = options.env ?? process.env;
  const userFile = options.userConfigFile ?? userConfigPath(env);
  const project: ProjectConfig = await readProjectConfig(options.projectDir);
  const user: UserConfig = await readUserConfig(userFile);
  const userLabel = userFile ?? 'user config';
  // Every key this process can see is scrubbed from every sink, whichever provider runs.
  for (const [name, value] of Object.entries(env))
    if (isModelKeyVariable(name) && /(KEY|TOKEN|SECRET)/i.test(name)) registerSecret(value);
  for (const value of Object.values(user.keys ?? {})) registerSecret(value);
  const sources: Record<string, string> = {};

  const pick = <K extends keyof ProjectConfig & keyof UserConfig>(
    field: string,
    flag: unknown,
    envName: string | undefined,
    key: K,
  ) => {
    const candidates: Array<[unknown, string]> = [
      [flag, 'flag'],
      [envName ? env[envName] || undefined : undefined, `env:${envName}`],
      [project[key], '.infrakit/config.yaml'],
      [user[key], userLabel],
    ];
    const found = candidates.find(([value]) => value !== undefined);
    if (found) sources[field] = found[1];
    if (
      found?.[1] === '.infrakit/config.yaml' &&
      UNTRUSTED_PROJECT_FIELDS.includes(key as UntrustedProjectField)
    )
      checkProjectSettingTrusted(
        key as UntrustedProjectField,
        String(found[0]),
        options.projectDir,
        user,
        userLabel,
      );
    return found?.[0];
  };

  const providerValue = flags.replay
    ? 'replay'
    : pick('provider', flags.provider, 'INFRAKIT_PROVIDER', 'provider');
  const provider =
    providerValue === undefined
      ? defaultProvider(env, user, sources)
      : checkProviderName(String(providerValue), sources.provider);
  const model =
    (pick('model', flags.model, 'INFRAKIT_MODEL', 'model') as string | undefined) ?? DEFAULT_MODELS[provider];
  if (!sources.model) sources.model = 'default';
  if (!model) {
    throw new ConfigError(`the ${provider} provider needs a model name`, [], {
      hint: 'Pass --model (e.g. --model llama3.1) or set INFRAKIT_MODEL.',
    });
  }
  let baseUrl = pick('baseUrl', flags.baseUrl, 'INFRAKIT_BASE_URL', 'baseUrl') as string | undefined;
  if (provider === 'openai-compatible')
    baseUrl = checkCompatibleBaseUrl(
      baseUrl,
      sources.baseUrl === 'flag' ? '--base-url' : (sources.baseUrl ?? '--base-url'),
    );

  const number = (
    field: 'maxRetries' | 'timeoutMs' | 'contentAttempts' | 'retryBaseDelayMs' | 'maxTokens',
    fallback: number,
  ) => {
    const value = project[field] ?? user[field];
    sources[field] =
      project[field] !== undefined
        ? '.infrakit/config.yaml'
        : user[field] !== undefined
          ? userLabel
          : 'default';
    return value ?? fallback;
  };
  const resolved: ResolvedProviderSettings = {
    provider,
    model,
    baseUrl,
    maxRetries: number('maxRetries', SETTING_DEFAULTS.maxRetries),
    timeoutMs: number('timeoutMs', SETTING_DEFAULTS.timeoutMs),
    contentAttempts: number('contentAttempts', SETTING_DEFAULTS.contentAttempts),
    retryBaseDelayMs: number('retryBaseDelayMs', SETTING_DEFAULTS.retryBaseDelayMs),
    maxTokens: number('maxTokens', SETTING_DEFAULTS.defaultMaxTokens),
    personas: { ...user.personas, ...project.personas },
    recordFile: absolute(
      options.projectDir,
      (pick('recordFile', flags.record, 'INFRAKIT_RECORD_FILE', 'recordFile') as string | undefined) ??
        undefined,
    ),
    sources,
  };
  if (provider === 'replay') {
    const file = absolute(
      options.projectDir,
      (flags.replay ?? pick('replayFile', undefined, 'INFRAKIT_REPLAY_FILE', 'replayFile')) as
        string | undefined,
    );
    if (!file)
      throw new ConfigError('the replay provider needs a recording file', [], {
        hint: 'Pass --replay <file> or set INFRAKIT_REPLAY_FILE.',
      });
    resolved.replay = { ...(await loadRecording(file)), file };
  }
  const key = findKey(provider, env, user, userLabel);
  if (key) {
    registerSecret(key.value);
    Object.defineProperty(resolved, 'apiKey', { value: key.value, enumerable: false });
    resolved.keySource = key.source;
  } else if (provider === 'anthropic' || provider === 'openai') {
    throw missingKeyError(provider, userLabel);
  }
  return resolved;
}

/** The error for a missing key: names the variable and the ways to set it. */
export function missingKeyError(
  provider: 'anthropic' | 'openai',
  userLabel = '~/.config/infrakit/config.yaml',
): ConfigError {
  const variable = KEY_VARIABLES[provider] as string;
  const where =
    provider === 'anthropic'
      ? 'https://console.anthropic.com/settings/keys'
      : 'https://platform.openai.com/api-keys';
  return new ConfigError(`${variable} is not set: the ${provider} provider needs an API key`, [], {
    hint: [
      `Set it in your shell: export ${variable}=<your key>   (create one at ${where})`,
      `or add it to ${userLabel} as:  keys: { ${provider}: <your key> }   (chmod 600)`,
      'Keys are never read from .infrakit/config.yaml, which is committed.',
      `To try InfraKit without a key: "infrakit demo" (the whole relay, scripted), --replay ${join(packageRoot(), 'replays', 'cassandra-keyspace.replay.json')} (a recorded Crossplane track), or a local model with --provider openai-compatible --base-url http://localhost:11434/v1 --model llama3.1.`,
    ].join('\n'),
  });
}

function findKey(
  provider: ProviderName,
  env: Record<string, string | undefined>,
  user: UserConfig,
  userLabel: string,
): { value: string; source: string } | undefined {
  const variable = KEY_VARIABLES[provider];
  if (!variable) return undefined;
  if (env[variable]) return { value: env[variable] as string, source: variable };
  const fromFile = user.keys?.[provider as 'anthropic' | 'openai' | 'openai-compatible'];
  return fromFile ? { value: fromFile, source: `${userLabel} (keys.${provider})` } : undefined;
}

function defaultProvider(
  env: Record<string, string | undefined>,
  user: UserConfig,
  sources: Record<string, string>,
): ProviderName {
  const provider: ProviderName =
    env.ANTHROPIC_API_KEY || user.keys?.anthropic
      ? 'anthropic'
      : env.OPENAI_API_KEY || user.keys?.openai
        ? 'openai'
        : env.INFRAKIT_REPLAY_FILE
          ? 'replay'
          : 'anthropic';
  sources.provider = 'default';
  return provider;
}

function checkProviderName(value: string, source: string | undefined): ProviderName {
  if ((PROVIDER_NAMES as readonly string[]).includes(value)) return value as ProviderName;
  const message = `unknown provider "${value}" (from ${source === 'flag' ? '--provider' : source})`;
  const hint = `Use one of: ${PROVIDER_NAMES.join(', ')}.`;
  throw source === 'flag' ? new UsageError(message, { hint }) : new ConfigError(message, [], { hint });
}

function absolute(projectDir: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  return isAbsolute(file) ? file : resolve(projectDir, file);
}
