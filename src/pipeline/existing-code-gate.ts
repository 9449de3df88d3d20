import type { ExistingCodeCheck } from '../brownfield/quick-fix-gate.js';
import type { DiffGateResult } from '../brownfield/diff-gate.js';
import type { Gate, GateInput, GateName, GateResult } from '../gate/types.js';
import type { PipelineGates } from './deps.js';

/** Runs the baseline diff gate on the code the gates just checked (quick-fix-gate's `finishExistingCodeCheck`). */
export type FinishCheck = (
  check: ExistingCodeCheck,
  options: { files: string[]; planText?: string },
) => Promise<DiffGateResult>;

/** What the composed gates need: the check taken before the fix, how to read plan.md, and how to finish the check. */
export interface ExistingCodeGateOptions {
  check: ExistingCodeCheck;
  planText(): Promise<string | undefined>;
  finish: FinishCheck;
}

/** One line per reason, plus the findings the change fixed, for the gate report. */
function diffGateOutput(result: DiffGateResult): string {
  const lines = [`baseline diff gate: ${result.status}`, ...result.reasons.map((reason) => `- ${reason}`)];
  if (result.fixedFindings.length)
    lines.push(
      `fixed (in the baseline, gone now): ${result.fixedFindings.map((finding) => `${finding.ruleId} ${finding.resourceName ?? ''}`.trim()).join('; ')}`,
    );
  return lines.join('\n');
}

/**
 * The relay's three gates, with the baseline diff gate composed into `policy`: after the real policy
 * runs, the diff gate compares the code with the baseline taken before the fix (no new finding by
 * fingerprint, every changed line in a resource plan.md names, the validator passed). A blocked diff
 * gate turns the policy result `failed` with the reasons, so the machine's own guard keeps `done`
 * unreachable. The validator and verifier results of the same run are reused, not run twice.
 */
export function withExistingCodeGate(gates: PipelineGates, options: ExistingCodeGateOptions): PipelineGates {
  const latest = new Map<GateName, GateResult>();
  const recorded =
    (name: GateName, gate: Gate): Gate =>
    async (input: GateInput) => {
      const result = await gate(input);
      latest.set(name, result);
      return result;
    };
  const replay =
    (name: GateName): Gate =>
    async (input: GateInput) =>
      latest.get(name) ?? gates[name](input);
  const policy: Gate = async (input) => {
    const own = await recorded('policy', gates.policy)(input);
    const scan = {
      ...options.check.scan,
      gates: { validator: replay('validator'), verify: replay('verify'), policy: replay('policy') },
    };
    const diff = await options.finish(
      { ...options.check, scan },
      { files: input.files, planText: (await options.planText()) ?? '' },
    );
    latest.clear();
    const output = [own.output, diffGateOutput(diff)].filter(Boolean).join('\n\n');
    if (diff.status === 'passed') return { ...own, output };
    return {
      ...own,
      status: own.status === 'unavailable' ? 'unavailable' : 'failed',
      summary: `${own.summary}; baseline diff gate blocked: ${diff.reasons.join('; ')}`,
      output,
    };
  };
  return {
    validator: recorded('validator', gates.validator),
    verify: recorded('verify', gates.verify),
    policy,
  };
}
