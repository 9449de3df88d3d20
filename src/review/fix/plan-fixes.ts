import { createTwoFilesPatch } from 'diff';
import type { ParsedSource } from '../../iac/resource-model.js';
import type { PolicyResult } from '../../policy/engine.js';
import type { FilePatch, FixerOutput, PlannedFix } from './fix-types.js';
import { fixTerraform } from './terraform-fixer.js';
import { fixYaml } from './yaml-fixer.js';

/** The patches `review --fix` proposes, and the fixes it could not make. */
export interface FixPlan {
  patches: FilePatch[];
  skipped: string[];
}

/** Plans deterministic fixes for the policy findings that carry one; reads nothing itself. */
export function planFixes(policy: PolicyResult, parsed: ParsedSource, texts: Map<string, string>): FixPlan {
  const byFile = new Map<string, PlannedFix[]>();
  for (const finding of policy.findings) {
    const entry = finding.fingerprint ? policy.autofixes.get(finding.fingerprint) : undefined;
    if (!entry) continue;
    const file = entry.resource.location.file;
    byFile.set(file, [
      ...(byFile.get(file) ?? []),
      { finding, autofix: entry.autofix, resource: entry.resource },
    ]);
  }
  const patches: FilePatch[] = [];
  const skipped: string[] = [];
  for (const [file, fixes] of byFile) {
    const text = texts.get(file);
    if (text === undefined) {
      skipped.push(`${file}: not read`);
      continue;
    }
    const tool = fixes[0].resource.tool;
    const output: FixerOutput =
      tool === 'terraform'
        ? fixTerraform({ file, text, fixes, parsed })
        : fixYaml({ file, text, fixes, parsed });
    skipped.push(...output.skipped.map((reason) => `${file}: ${reason}`));
    if (output.text !== text) patches.push({ file, before: text, after: output.text, fixed: output.fixed });
  }
  return { patches, skipped };
}

/** A unified diff of one patch, for showing before writing. */
export function patchDiff(patch: FilePatch): string {
  return createTwoFilesPatch(`a/${patch.file}`, `b/${patch.file}`, patch.before, patch.after, '', '', {
    context: 3,
  });
}
