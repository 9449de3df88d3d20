import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSources, parseText } from '../iac/parse.js';
import { takeBaseline, type Baseline, type ScanInput } from './baseline.js';
import { runBaselineDiffGate, type DiffGateResult } from './diff-gate.js';

/** What quick-fix keeps between "before it writes" and "after it wrote". */
export interface ExistingCodeCheck {
  baseline: Baseline;
  /** Each file's text before the fix, relative to the project root. */
  before: Map<string, string>;
  scan: ScanInput;
}

/** Resource keys (or bare names) of the baseline that a free-text plan mentions, e.g. quick-fix's plan.md. */
export function resourcesNamedIn(text: string, baseline: Baseline): string[] {
  const mentioned = (name: string) =>
    new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(text);
  return [
    ...new Set(
      baseline.resources
        .filter((resource) => mentioned(resource.key) || mentioned(resource.key.split('.').pop()!))
        .map((resource) => resource.key),
    ),
  ];
}

/** Before a quick fix on existing code writes anything: the baseline and every file's text. */
export async function beginExistingCodeCheck(
  scan: ScanInput,
  now: Date = new Date(),
): Promise<ExistingCodeCheck> {
  const parsed = await parseSources(scan.files, { root: scan.projectRoot });
  const before = new Map(
    await Promise.all(
      scan.files.map(
        async (file) => [file, await readFile(join(scan.projectRoot, file), 'utf8')] as [string, string],
      ),
    ),
  );
  return { baseline: await takeBaseline(scan, parsed, now), before, scan };
}

/**
 * After the quick fix wrote its code: the same baseline diff gate as the update commands. Files
 * the fix added count as changed from empty. `plannedResources` defaults to the resources the plan text names.
 */
export async function finishExistingCodeCheck(
  check: ExistingCodeCheck,
  options: { files: string[]; planText?: string; plannedResources?: string[] },
): Promise<DiffGateResult> {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const file of new Set([...check.before.keys(), ...options.files])) {
    const now = await readFile(join(check.scan.projectRoot, file), 'utf8').catch(() => '');
    const then = check.before.get(file) ?? '';
    if (now === then) continue;
    before.set(file, then);
    after.set(file, now);
  }
  const plannedResources =
    options.plannedResources ?? resourcesNamedIn(options.planText ?? '', check.baseline);
  return runBaselineDiffGate({
    ...check.scan,
    files: options.files,
    baseline: check.baseline,
    before,
    after,
    plannedResources,
    parse: (file, text) => parseText(text, file),
  });
}
