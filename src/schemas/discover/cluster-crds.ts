import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { aliasLimitProblemInText } from '../../iac/yaml/alias-limits.js';
import type { ToolRun } from '../../validators/run-tool.js';
import type { FoundSource } from './crd-folders.js';

/** Runs a program already found on the user's PATH (never in the project); injected in tests. */
export type RunFound = (binary: string, args: readonly string[]) => Promise<ToolRun>;

/** What asking the cluster gave: a CRD file to import, or the reason there is none. */
export type ClusterResult = { source: FoundSource } | { note: string };

const RELEVANT_GROUP = /(^|\.)(crossplane\.io|upbound\.io)$/;
const firstLine = (run: ToolRun) =>
  (run.failedToStart ?? (run.stderr.trim() || run.stdout.trim())).split('\n')[0] ?? '';

/**
 * The Crossplane and provider CRDs of the cluster kubectl's current context points at
 * (`kubectl get crd -o yaml`), written as one multi-document file under `directory` so the import
 * can be rebuilt from it. Nothing is asked when no context is configured.
 */
export async function clusterCrds(kubectl: string, run: RunFound, directory: string): Promise<ClusterResult> {
  const context = await run(kubectl, ['config', 'current-context']);
  const name = context.stdout.trim();
  if (context.failedToStart) return { note: `kubectl could not be started: ${context.failedToStart}` };
  if (context.exitCode !== 0 || !name)
    return { note: `kubectl has no current context (${firstLine(context) || 'none set'})` };
  const listed = await run(kubectl, ['get', 'crd', '-o', 'yaml', '--request-timeout=20s']);
  if (listed.exitCode !== 0)
    return { note: `kubectl get crd failed for context ${name}: ${firstLine(listed)}` };
  const aliasProblem = aliasLimitProblemInText(listed.stdout);
  if (aliasProblem) return { note: `kubectl get crd answer refused: ${aliasProblem}` };
  let list: unknown;
  try {
    list = load(listed.stdout);
  } catch (error) {
    return {
      note: `kubectl get crd gave unreadable YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  const items = (
    typeof list === 'object' && list !== null && Array.isArray((list as { items?: unknown }).items)
      ? ((list as { items: unknown[] }).items as Array<{ kind?: unknown; spec?: { group?: unknown } }>)
      : []
  ).filter(
    (item) => item.kind === 'CustomResourceDefinition' && RELEVANT_GROUP.test(String(item.spec?.group)),
  );
  if (items.length === 0)
    return { note: `the cluster of context ${name} has no Crossplane or provider CRDs` };
  await mkdir(directory, { recursive: true });
  const file = join(directory, `cluster-${name.replace(/[^\w.-]/g, '_').slice(0, 80)}.yaml`);
  await writeFileAtomic(file, items.map((item) => dump(item, { noRefs: true })).join('---\n'));
  return {
    source: {
      path: file,
      from: `the cluster of kubectl context ${name}`,
      name: `cluster ${name}`,
      version: 'live',
    },
  };
}
