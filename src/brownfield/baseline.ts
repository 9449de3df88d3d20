import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Constraints } from '../constraints/load.js';
import type { IacTool } from '../constraints/schema.js';
import type { Finding } from '../findings/finding.js';
import type { GateInput, GateName, GateResult } from '../gate/types.js';
import type { ParsedSource } from '../iac/resource-model.js';
import type { PipelineGates } from '../pipeline/deps.js';
import { findingFingerprint } from '../policy/fingerprint.js';
import { resourceKey } from './resource-key.js';

/** One gate's outcome as the baseline and the diff gate keep it. */
export const GateOutcomeSchema = z.object({
  gate: z.string(),
  status: z.enum(['passed', 'failed', 'unavailable']),
  summary: z.string(),
  installHint: z.string().optional(),
});
export type GateOutcome = z.infer<typeof GateOutcomeSchema>;

/** A finding as stored in baseline.json: always with its fingerprint. */
const StoredFindingSchema = z
  .object({
    ruleId: z.string(),
    severity: z.string(),
    message: z.string(),
    source: z.string(),
    fingerprint: z.string(),
    resourceName: z.string().optional(),
    fieldPath: z.string().optional(),
    location: z.object({ file: z.string(), line: z.number() }),
  })
  .loose();

/** baseline.json: what the code was before the change: every resource, every finding with its fingerprint, each gate. */
export const BaselineSchema = z.object({
  version: z.literal(1),
  takenAt: z.string(),
  tool: z.string(),
  environment: z.string().optional(),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
  resources: z.array(z.object({ key: z.string(), type: z.string(), file: z.string(), line: z.number() })),
  findings: z.array(StoredFindingSchema),
  gates: z.array(GateOutcomeSchema),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** What a scan of the code needs. */
export interface ScanInput {
  projectRoot: string;
  tool: IacTool;
  /** Files relative to the project root. */
  files: string[];
  constraints: Constraints;
  environment?: string;
  gates: PipelineGates;
  trackDir?: string;
  signal?: AbortSignal;
}

/** A finding with a fingerprint (file-level tool findings get one from rule, file and message). */
export function withFingerprint(finding: Finding): Finding & { fingerprint: string } {
  const fingerprint =
    finding.fingerprint ??
    findingFingerprint({
      ruleId: finding.ruleId,
      resourceType: finding.resourceType,
      resourceName: finding.resourceName ?? finding.location.file,
      fieldPath: finding.fieldPath ?? finding.message,
    });
  return { ...finding, fingerprint };
}

/** Runs the validator, the verifier and the policy; a gate that throws counts as failed, never passed. */
export async function scanGates(input: ScanInput): Promise<GateResult[]> {
  const gateInput: GateInput = {
    projectRoot: input.projectRoot,
    tool: input.tool,
    files: input.files,
    constraints: input.constraints,
    environment: input.environment,
    trackDir: input.trackDir,
    signal: input.signal,
  };
  const run = async (name: GateName): Promise<GateResult> => {
    try {
      return await input.gates[name](gateInput);
    } catch (error) {
      return {
        gate: name,
        status: 'failed',
        summary: `the ${name} gate crashed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };
  return [await run('validator'), await run('verify'), await run('policy')];
}

/** The outcome lines kept of gate results. */
export const outcomesOf = (results: GateResult[]): GateOutcome[] =>
  results.map((result) => ({
    gate: result.gate,
    status: result.status,
    summary: result.summary,
    ...(result.installHint ? { installHint: result.installHint } : {}),
  }));

/** Every finding of gate results, fingerprinted and de-duplicated by fingerprint. */
export function findingsOf(results: GateResult[]): Array<Finding & { fingerprint: string }> {
  const seen = new Map<string, Finding & { fingerprint: string }>();
  for (const finding of results.flatMap((result) => result.findings ?? []).map(withFingerprint))
    if (!seen.has(finding.fingerprint)) seen.set(finding.fingerprint, finding);
  return [...seen.values()];
}

/** Measures the code before a change: the gates, every resource and every finding with its fingerprint. */
export async function takeBaseline(input: ScanInput, parsed: ParsedSource, now: Date): Promise<Baseline> {
  const results = await scanGates(input);
  const files = await Promise.all(
    input.files.map(async (path) => ({
      path,
      sha256: createHash('sha256')
        .update(await readFile(join(input.projectRoot, path)))
        .digest('hex'),
    })),
  );
  return {
    version: 1,
    takenAt: now.toISOString(),
    tool: input.tool,
    ...(input.environment ? { environment: input.environment } : {}),
    files,
    resources: parsed.resources.map((resource) => ({
      key: resourceKey(resource),
      type: resource.type,
      file: resource.location.file,
      line: resource.location.line,
    })),
    findings: findingsOf(results).map((finding) => ({
      ...finding,
      location: { file: finding.location.file, line: finding.location.line },
    })),
    gates: outcomesOf(results),
  };
}
