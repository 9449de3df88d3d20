import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';

/**
 * `.infrakit/agent-files.json`: the hash of every whole file `init --ai` wrote, so that a re-run
 * can tell a file still as infrakit wrote it (updated) from one the user edited since (kept).
 */
export const AGENT_MANIFEST = '.infrakit/agent-files.json';

export const AgentManifestSchema = z.object({
  version: z.literal(1),
  /** Path relative to the project root -> "sha256:<hex>" of the content infrakit wrote. */
  files: z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/)),
});
export type AgentManifest = z.infer<typeof AgentManifestSchema>;

/** The content hash as the manifest stores it. */
export const contentHash = (content: string): string =>
  `sha256:${createHash('sha256').update(content).digest('hex')}`;

/** Parses the manifest's text; absent is an empty manifest, a broken one is an error naming the fix. */
export function parseAgentManifest(text: string | undefined): AgentManifest {
  if (text === undefined) return { version: 1, files: {} };
  const hint = `Delete ${AGENT_MANIFEST} and run the command again: infrakit's files that carry the infrakit:managed marker are then updated, every other file is kept.`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${AGENT_MANIFEST} is not valid JSON`, [String(error)], { hint });
  }
  const parsed = AgentManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${AGENT_MANIFEST} is invalid`,
      parsed.error.issues.map(
        (issue) => `${AGENT_MANIFEST}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      ),
      { hint },
    );
  return parsed.data;
}

/** The manifest's text, paths sorted so a re-run that changes nothing changes nothing. */
export function manifestText(manifest: AgentManifest): string {
  const files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}
