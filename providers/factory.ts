import { InternalError } from '../src/errors/index.js';
import { createAnthropicClient } from './anthropic/anthropic-client.js';
import type { ResolvedProviderSettings } from './config.js';
import { createOpenAICompatibleClient } from './openai-compatible/openai-compatible-client.js';
import { createOpenAIClient } from './openai/openai-client.js';
import { createRecorder, withRecording } from './record.js';
import { createReplayClient, type ReplayCursor } from './replay/replay-client.js';
import { SETTING_DEFAULTS, type AdapterSettings } from './settings.js';
import type { ModelClient } from './types.js';

/** Test and benchmark hooks; production passes nothing. */
export interface FactoryOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Overrides the back-off of our own retry helper (tests use 0). */
  retryBaseDelayMs?: number;
}

/** Returns the ModelClient for a persona. One factory per run: it shares the replay position and recorder. */
export type ModelClientFactory = (persona?: string) => ModelClient;

/**
 * Builds the per-persona client factory the pipeline calls. Applies per-persona model routing,
 * and wraps every client in the recorder when a record file is set.
 */
export function createModelClientFactory(
  resolved: ResolvedProviderSettings,
  options: FactoryOptions = {},
): ModelClientFactory {
  const cursor: ReplayCursor = new Map();
  const recorder = resolved.recordFile ? createRecorder(resolved.recordFile, [resolved.apiKey]) : undefined;
  return (persona) => {
    const client = baseClient(resolved, persona, options, cursor);
    return recorder ? withRecording(client, recorder) : client;
  };
}

/** One client for one persona (a fresh factory each time: prefer createModelClientFactory for runs). */
export function createModelClient(
  resolved: ResolvedProviderSettings,
  persona?: string,
  options: FactoryOptions = {},
): ModelClient {
  return createModelClientFactory(resolved, options)(persona);
}

function baseClient(
  resolved: ResolvedProviderSettings,
  persona: string | undefined,
  options: FactoryOptions,
  cursor: ReplayCursor,
): ModelClient {
  if (resolved.provider === 'replay') {
    if (!resolved.replay) throw new InternalError('replay provider resolved without a recording');
    return createReplayClient(resolved.replay, cursor);
  }
  const settings: AdapterSettings = {
    model: (persona && resolved.personas[persona]?.model) || resolved.model,
    apiKey: resolved.apiKey,
    baseUrl: resolved.baseUrl,
    maxRetries: resolved.maxRetries,
    timeoutMs: resolved.timeoutMs,
    contentAttempts: resolved.contentAttempts,
    retryBaseDelayMs:
      options.retryBaseDelayMs ?? resolved.retryBaseDelayMs ?? SETTING_DEFAULTS.retryBaseDelayMs,
    defaultMaxTokens: resolved.maxTokens,
    fetch: options.fetch,
    now: options.now,
  };
  if (resolved.provider === 'anthropic') return createAnthropicClient(settings);
  if (resolved.provider === 'openai') return createOpenAIClient(settings);
  return createOpenAICompatibleClient(settings);
}
