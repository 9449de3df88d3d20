import type { GeneratePolicy } from './generate-loop.js';

/** The providers InfraKit can drive. */
export const PROVIDER_NAMES = ['anthropic', 'openai', 'openai-compatible', 'replay'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Everything an adapter needs, after flags, env and config files were merged (providers/config.ts). */
export interface AdapterSettings {
  model: string;
  /** Never written anywhere; only handed to the SDK. */
  apiKey?: string;
  baseUrl?: string;
  maxRetries: number;
  timeoutMs: number;
  /** Tries for stream faults, malformed JSON and max_tokens (our retry helper). */
  contentAttempts: number;
  retryBaseDelayMs: number;
  defaultMaxTokens: number;
  /** Injected for tests and timing; defaults to the global fetch and Date.now. */
  fetch?: typeof fetch;
  now?: () => number;
}

/** Defaults for the numeric settings. */
export const SETTING_DEFAULTS = {
  maxRetries: 2,
  timeoutMs: 600_000,
  contentAttempts: 3,
  retryBaseDelayMs: 500,
  defaultMaxTokens: 8_192,
} as const;

/** Builds the generate policy of one adapter from its settings. */
export function policyFor(provider: string, settings: AdapterSettings): GeneratePolicy {
  return {
    provider,
    contentAttempts: settings.contentAttempts,
    retryBaseDelayMs: settings.retryBaseDelayMs,
    defaultMaxTokens: settings.defaultMaxTokens,
    maxTokensCeiling: Math.max(settings.defaultMaxTokens, 32_000),
    now: settings.now ?? Date.now,
  };
}

/** Header our adapters send so the mock server (and proxies) can tell personas apart. */
export const PERSONA_HEADER = 'x-infrakit-persona';
