import type { DoctorCheck } from './check.js';

/** The variables that configure a model provider. Only their names are ever reported. */
export const PROVIDER_VARIABLES = [
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'INFRAKIT_PROVIDER',
  'INFRAKIT_BASE_URL',
  'INFRAKIT_MODEL',
] as const;

/** Reports which provider variables are set (non-empty), never their values. */
export function checkProviderKeys(env: Readonly<Record<string, string | undefined>>): DoctorCheck {
  const set = PROVIDER_VARIABLES.filter((name) => (env[name] ?? '').trim() !== '');
  const canCallModel =
    set.includes('ANTHROPIC_API_KEY') ||
    set.includes('OPENAI_API_KEY') ||
    // A local model needs all three (INFRAKIT_BASE_URL alone still selects anthropic and asks for a key).
    (env.INFRAKIT_PROVIDER?.trim() === 'openai-compatible' &&
      set.includes('INFRAKIT_BASE_URL') &&
      set.includes('INFRAKIT_MODEL'));
  return {
    id: 'provider-keys',
    title: 'model provider',
    status: canCallModel ? 'ok' : 'warn',
    detail: set.length ? `set: ${set.join(', ')}` : 'none of ' + PROVIDER_VARIABLES.join(', ') + ' is set',
    fix: canCallModel
      ? undefined
      : 'export ANTHROPIC_API_KEY=... (or OPENAI_API_KEY; for Ollama: export INFRAKIT_PROVIDER=openai-compatible INFRAKIT_BASE_URL=http://localhost:11434/v1 INFRAKIT_MODEL=llama3.1); "infrakit demo" and --replay <recording> need none',
    required: false,
  };
}
