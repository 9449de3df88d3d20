import type { AdapterSettings } from '../../providers/settings.js';

/** Adapter settings for tests: tiny timeouts and no back-off, pointed at the mock server. */
export function testAdapterSettings(
  baseUrl: string,
  overrides: Partial<AdapterSettings> = {},
): AdapterSettings {
  return {
    model: 'claude-sonnet-4-6',
    apiKey: 'sk-test-key',
    baseUrl,
    maxRetries: 2,
    timeoutMs: 2_000,
    contentAttempts: 3,
    retryBaseDelayMs: 0,
    defaultMaxTokens: 1_000,
    ...overrides,
  };
}
