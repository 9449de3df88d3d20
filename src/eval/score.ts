import type { Gate, GateInput, GateResult } from '../gate/types.js';
import { SEVERITIES, type Finding, type Severity } from '../findings/finding.js';

/** The three gates the eval scores with: the same ones that guard `done` in a track. */
export interface ScoringGates {
  verify: Gate;
  policy: Gate;
  validator: Gate;
}

/** The deterministic score of one output (pipeline or baseline). */
export interface OutputScore {
  /** Every gate ran and passed, and no mandatory tag is missing. Unavailable never counts as a pass. */
  passed: boolean;
  /** Verifier and policy passed (validator left out); shown separately, labelled as such. */
  ownChecksPassed: boolean;
  files: number;
  verify: GateResult['status'];
  policy: GateResult['status'];
  validator: GateResult['status'];
  /** Verifier findings of medium severity or worse: unknown fields, wrong types, invalid values (advisory low findings left out). */
  fieldErrors: number;
  /** Policy findings by severity. */
  policyFindings: Record<Severity, number>;
  /** Policy findings about mandatory tags (rule ids containing `TAG`, info left out); undefined when policy did not run. */
  missingTags?: number;
  /** One line per gate for the report. */
  summaries: string[];
  /** Every verifier and policy finding, short form, so a reader can see why a result failed. */
  findings: Array<
    Pick<Finding, 'ruleId' | 'severity' | 'message' | 'source'> & { file: string; resource?: string }
  >;
}

/** Policy findings counted by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

async function runGate(gate: Gate, name: GateResult['gate'], input: GateInput): Promise<GateResult> {
  try {
    return await gate(input);
  } catch (error) {
    return { gate: name, status: 'failed', summary: `${name} threw: ${(error as Error).message}` };
  }
}

/** Builds the score from the three gate results. */
export function scoreFromResults(
  files: number,
  verify: GateResult,
  policy: GateResult,
  validator: GateResult,
): OutputScore {
  const policyFindings = countBySeverity(policy.findings ?? []);
  const missingTags =
    policy.status === 'unavailable'
      ? undefined
      : (policy.findings ?? []).filter(
          (finding) => /TAG/i.test(finding.ruleId) && finding.severity !== 'info',
        ).length;
  const fieldErrors = (verify.findings ?? []).filter(
    (finding) => finding.severity !== 'info' && finding.severity !== 'low',
  ).length;
  const ownChecksPassed =
    files > 0 && verify.status === 'passed' && policy.status === 'passed' && (missingTags ?? 1) === 0;
  return {
    passed: ownChecksPassed && validator.status === 'passed',
    ownChecksPassed,
    files,
    verify: verify.status,
    policy: policy.status,
    validator: validator.status,
    fieldErrors,
    policyFindings,
    missingTags,
    summaries: [verify, policy, validator].map(
      (result) => `${result.gate}: ${result.status} — ${result.summary}`,
    ),
    findings: [...(verify.findings ?? []), ...(policy.findings ?? []), ...(validator.findings ?? [])].map(
      (finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        source: finding.source,
        file: finding.location.file,
        resource: finding.resourceName,
      }),
    ),
  };
}

/** Scores generated files with the verifier, the policy engine and the external validator. */
export async function scoreOutput(input: GateInput, gates: ScoringGates): Promise<OutputScore> {
  if (input.files.length === 0) {
    const none = (gate: GateResult['gate']): GateResult => ({
      gate,
      status: 'failed',
      summary: 'no files were produced',
    });
    return scoreFromResults(0, none('verify'), none('policy'), none('validator'));
  }
  const [verify, policy] = await Promise.all([
    runGate(gates.verify, 'verify', input),
    runGate(gates.policy, 'policy', input),
  ]);
  const validator = await runGate(gates.validator, 'validator', input);
  return scoreFromResults(input.files.length, verify, policy, validator);
}
