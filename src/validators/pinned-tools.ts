import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { packageRoot } from '../util/package-root.js';

/** One validator pinned in tools/versions.json. */
export const PinnedToolSchema = z.object({
  version: z.string().min(1),
  kind: z.enum(['go', 'go-build', 'pip']),
  module: z.string().optional(),
  package: z.string().optional(),
  binaries: z.array(z.string().min(1)).min(1),
  /** Arguments that make the binary print its version; empty when it cannot. */
  versionArgs: z.array(z.string()).default(['--version']),
  install: z.string().min(1),
});
export type PinnedTool = z.infer<typeof PinnedToolSchema>;

/** The pinned tools by name (crank, function-go-templating, tofu, cfn-lint, checkov). */
export type PinnedTools = Record<string, PinnedTool>;

/** Where the pins live inside the installed package. */
export const versionsFilePath = (root: string = packageRoot()): string =>
  join(root, 'tools', 'versions.json');

/** Parses the pins file text; keys starting with `$` are comments. */
export function parsePinnedTools(text: string, shownPath = 'tools/versions.json'): PinnedTools {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shownPath}: not valid JSON`, [String(error)], { cause: error });
  }
  const entries = Object.entries((data ?? {}) as Record<string, unknown>).filter(
    ([name]) => !name.startsWith('$'),
  );
  const tools: PinnedTools = {};
  const problems: string[] = [];
  for (const [name, value] of entries) {
    const parsed = PinnedToolSchema.safeParse(value);
    if (parsed.success) tools[name] = parsed.data;
    else
      problems.push(
        ...parsed.error.issues.map(
          (issue) => `${shownPath}: ${name}.${issue.path.join('.')}: ${issue.message}`,
        ),
      );
  }
  if (problems.length)
    throw new ConfigError(`${shownPath} is invalid:\n  ${problems.join('\n  ')}`, problems);
  return tools;
}

/** Reads tools/versions.json from the package root. */
export async function loadPinnedTools(root?: string): Promise<PinnedTools> {
  const file = versionsFilePath(root);
  return parsePinnedTools(await readFile(file, 'utf8'), file);
}
