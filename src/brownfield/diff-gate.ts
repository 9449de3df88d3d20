import type { Finding } from '../findings/finding.js';
import type { ParsedSource } from '../iac/resource-model.js';
import {
  findingsOf,
  outcomesOf,
  scanGates,
  type Baseline,
  type GateOutcome,
  type ScanInput,
} from './baseline.js';
import { isRenameOf, type Rename } from './edits/rename-edit.js';
import { normalizeKey, ownerOfLine, resourceSpans } from './resource-spans.js';
import { changedLines } from './unified-diff.js';

/** What the diff gate compares: the baseline, the files before and after, and the plan's resources. */
export interface DiffGateInput extends ScanInput {
  baseline: Baseline;
  /** Changed files (relative to the project root): text before and after. */
  before: Map<string, string>;
  after: Map<string, string>;
  /** Resource keys the plan names. */
  plannedResources: string[];
  renames?: Rename[];
  parse(file: string, text: string): Promise<ParsedSource>;
}

/** A changed line that belongs to no resource the plan names. */
export interface StrayLine {
  file: string;
  line: number;
  text: string;
  owner?: string;
}

/** The verdict: passed only when the validator ran and passed, nothing new was found and every line is accounted for. */
export interface DiffGateResult {
  status: 'passed' | 'blocked';
  reasons: string[];
  gates: GateOutcome[];
  newFindings: Finding[];
  fixedFindings: Baseline['findings'];
  strayLines: StrayLine[];
}

/** Changed lines whose owner is not planned (rename-only reference lines are allowed). */
export async function strayLinesOf(
  input: Pick<DiffGateInput, 'before' | 'after' | 'plannedResources' | 'renames' | 'parse'>,
): Promise<StrayLine[]> {
  const planned = new Set(input.plannedResources.map(normalizeKey));
  const stray: StrayLine[] = [];
  for (const [file, afterText] of input.after) {
    const beforeText = input.before.get(file) ?? '';
    const beforeSpans = resourceSpans(beforeText, await input.parse(file, beforeText), file);
    const afterSpans = resourceSpans(afterText, await input.parse(file, afterText), file);
    for (const hunk of changedLines(beforeText, afterText)) {
      const renameOnly =
        hunk.removed.length === hunk.added.length &&
        hunk.removed.every((removed, index) =>
          isRenameOf(removed.text, hunk.added[index].text, input.renames ?? []),
        );
      if (renameOnly) continue;
      const check = (line: number, text: string, spans: typeof beforeSpans) => {
        const owner = ownerOfLine(spans, line);
        if (!owner || !planned.has(normalizeKey(owner))) stray.push({ file, line, text, owner });
      };
      for (const removed of hunk.removed) check(removed.line, removed.text, beforeSpans);
      for (const added of hunk.added) check(added.line, added.text, afterSpans);
    }
  }
  return stray;
}

/**
 * The brownfield gate, shared by the update commands and quick-fix on existing code: the
 * validator must pass (unavailable blocks), no finding may appear that the baseline lacks
 * (by fingerprint), every changed line must belong to a planned resource; fixed findings are listed.
 */
export async function runBaselineDiffGate(input: DiffGateInput): Promise<DiffGateResult> {
  const results = await scanGates(input);
  const gates = outcomesOf(results);
  const reasons: string[] = [];
  const validator = gates.find((gate) => gate.gate === 'validator');
  if (validator?.status !== 'passed')
    reasons.push(
      `the validator did not pass: ${validator?.summary ?? 'it did not run'}${validator?.status === 'unavailable' && validator.installHint ? ` (install: ${validator.installHint})` : ''}`,
    );
  for (const gate of gates)
    if (gate.gate !== 'validator' && /crashed/.test(gate.summary)) reasons.push(gate.summary);
  const before = new Set(input.baseline.findings.map((finding) => finding.fingerprint));
  const current = findingsOf(results);
  const now = new Set(current.map((finding) => finding.fingerprint));
  const newFindings = current.filter((finding) => !before.has(finding.fingerprint));
  const fixedFindings = input.baseline.findings.filter((finding) => !now.has(finding.fingerprint));
  if (newFindings.length)
    reasons.push(
      `${newFindings.length} new finding(s) the baseline did not have: ${newFindings.map((finding) => `${finding.ruleId} ${finding.resourceName ?? ''} ${finding.fieldPath ?? ''}`.trim()).join('; ')}`,
    );
  const strayLines = await strayLinesOf(input);
  if (strayLines.length)
    reasons.push(
      `${strayLines.length} changed line(s) outside the resources the plan names: ${strayLines
        .slice(0, 5)
        .map((stray) => `${stray.file}:${stray.line} (${stray.owner ?? 'no resource'})`)
        .join(', ')}`,
    );
  return {
    status: reasons.length ? 'blocked' : 'passed',
    reasons,
    gates,
    newFindings,
    fixedFindings,
    strayLines,
  };
}
