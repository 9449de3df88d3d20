import { createOpenAIClient } from '../openai/openai-client.js';
import type { AdapterSettings } from '../settings.js';
import type { ModelClient } from '../types.js';
import { checkCompatibleBaseUrl } from './base-url.js';

/** Local servers ignore the key, but the SDK insists on one. */
export const DUMMY_API_KEY = 'not-needed';

/**
 * A ModelClient for OpenAI-compatible servers (Ollama, vLLM, LM Studio): the OpenAI adapter
 * with a base URL that must end in /v1, a dummy key when none is set, and `max_tokens`.
 */
export function createOpenAICompatibleClient(settings: AdapterSettings): ModelClient {
  const baseUrl = checkCompatibleBaseUrl(settings.baseUrl);
  return createOpenAIClient(
    { ...settings, baseUrl, apiKey: settings.apiKey || DUMMY_API_KEY },
    { provider: 'openai-compatible', tokenParameter: 'max_tokens', strictSchema: true },
  );
}
