import { knownSecrets } from './known-secrets.js';

/**
 * Variables that hold a model provider's credential. Child processes (validators, git, the
 * function server) never need them, and a repository can plant the program that runs.
 */
const MODEL_KEY_VARIABLE =
  /(^ANTHROPIC_|^OPENAI_|^AZURE_OPENAI_|^INFRAKIT_.*(KEY|TOKEN|SECRET)|_API_KEY$|_AUTH_TOKEN$|^HF_TOKEN$|^HUGGING_FACE_HUB_TOKEN$)/i;

/** Whether a variable of this name is a model credential that a child process must not see. */
export function isModelKeyVariable(name: string): boolean {
  return MODEL_KEY_VARIABLE.test(name);
}

/**
 * The environment for a child process: the given variables without model keys, and without any
 * variable whose value holds a key infrakit resolved (whatever its name).
 */
export function childEnvironment(
  variables: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const secrets = knownSecrets();
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || isModelKeyVariable(name)) continue;
    if (secrets.some((secret) => value.includes(secret))) continue;
    result[name] = value;
  }
  return result;
}
