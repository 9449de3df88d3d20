import { ConfigError } from '../errors/index.js';

/** A JSON object value. */
export type JsonObject = { [key: string]: unknown };

/**
 * Sets `<serversKey>.<name>` in a JSON config file, keeping every other key and server.
 * Throws ConfigError when the existing file is not a JSON object (the user must fix or remove it).
 */
export function mergeJsonServer(
  path: string,
  existing: string | undefined,
  serversKey: string,
  name: string,
  entry: JsonObject,
): string {
  let document: JsonObject = {};
  if (existing !== undefined && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (error) {
      throw new ConfigError(`${path}: is not valid JSON (${(error as Error).message})`, [], {
        hint: `Fix the file or add this under "${serversKey}" yourself: ${JSON.stringify({ [name]: entry })}`,
      });
    }
    if (!isObject(parsed)) throw new ConfigError(`${path}: expected a JSON object at the top level`);
    document = parsed;
  }
  const servers = document[serversKey];
  if (servers !== undefined && !isObject(servers)) {
    throw new ConfigError(`${path}: ${serversKey}: expected an object of servers`);
  }
  const merged = { ...document, [serversKey]: { ...(servers ?? {}), [name]: entry } };
  return `${JSON.stringify(merged, null, 2)}\n`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
