import { ConfigError } from '../../src/errors/index.js';

/**
 * Checks an OpenAI-compatible base URL. Ollama, vLLM and LM Studio serve the OpenAI API under
 * `/v1`, and the SDK appends `/chat/completions` to whatever it is given, so `/v1` must be there.
 */
export function checkCompatibleBaseUrl(value: string | undefined, source = '--base-url'): string {
  const example =
    'http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM), http://localhost:1234/v1 (LM Studio)';
  if (!value) {
    throw new ConfigError('the openai-compatible provider needs a base URL', [], {
      hint: `Pass --base-url or set INFRAKIT_BASE_URL, e.g. ${example}.`,
    });
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${source} "${value}" is not a URL`, [], {
      hint: `Use a full URL, e.g. ${example}.`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source} "${value}" must start with http:// or https://`, [], {
      hint: `e.g. ${example}.`,
    });
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!/\/v1$/.test(path)) {
    const suggestion = `${url.origin}${path}/v1`;
    throw new ConfigError(`${source} "${value}" must include /v1`, [], {
      hint: `OpenAI-compatible servers answer under /v1; try ${suggestion}`,
    });
  }
  return `${url.origin}${path}`;
}
