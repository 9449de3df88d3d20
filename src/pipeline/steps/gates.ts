import type { GatesOutput } from '../../../machines/relay-types.js';
import type { GateResult, GateName } from '../../gate/types.js';
import { InterruptedError } from '../../errors/index.js';
import { trackPath } from '../../tracks/naming.js';
import { renderGateReport } from '../render.js';
import type { TrackSession } from '../session.js';
import { listCodeFiles, writeTrackFile } from '../track-files.js';

/**
 * After Ctrl-C, a validator killed mid-run "failed" only because it was stopped: its result must not
 * be recorded (as a gate, or as a baseline). Throws the InterruptedError that says so.
 */
export function throwIfInterrupted(signal: AbortSignal | undefined, track: string): void {
  if (signal?.aborted)
    throw new InterruptedError(`Ctrl-C while the gates of ${track} ran: no gate result was recorded`, {
      kept: 'the code written so far, committed step by step',
      resume: `infrakit resume ${track}`,
    });
}

/**
 * Runs the validator, the field verifier and the policy on the track's code. A gate that throws
 * counts as `failed` with the error as output, never as passed. Writes gate-report.md and findings.json.
 */
export async function runGates(session: TrackSession): Promise<GatesOutput> {
  const { deps, meta, constraints } = session;
  const files = await listCodeFiles(deps.projectRoot, meta.codeDirectory);
  const input = {
    projectRoot: deps.projectRoot,
    tool: meta.tool,
    files,
    constraints,
    environment: meta.environment,
    trackDir: trackPath(meta.track),
    signal: deps.signal,
  };
  const stopIfInterrupted = () => throwIfInterrupted(deps.signal, meta.track);
  const run = async (
    gate: GateName,
    implementation: (typeof deps.gates)[keyof typeof deps.gates],
  ): Promise<GateResult> => {
    stopIfInterrupted();
    deps.progress(`running the ${gate} gate...`);
    try {
      const result = await implementation(input);
      // A validator killed by Ctrl-C "failed" only because it was stopped: not a result to record.
      stopIfInterrupted();
      return result;
    } catch (error) {
      stopIfInterrupted();
      return {
        gate,
        status: 'failed',
        summary: `the ${gate} gate crashed`,
        output: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
  };
  const results = files.length
    ? [
        await run('validator', deps.gates.validator),
        await run('verify', deps.gates.verify),
        await run('policy', deps.gates.policy),
      ]
    : [
        {
          gate: 'validator' as const,
          status: 'failed' as const,
          summary: `no code files in ${meta.codeDirectory}`,
        },
      ];
  const findings = results.flatMap((result) => result.findings ?? []);
  const written = [
    await writeTrackFile(session, 'gate-report.md', renderGateReport(results, deps.now())),
    await writeTrackFile(session, 'findings.json', `${JSON.stringify(findings, null, 2)}\n`),
  ];
  const lock =
    files.length && deps.schemaLock ? await deps.schemaLock(files).catch(() => undefined) : undefined;
  if (lock)
    written.push(await writeTrackFile(session, 'schema.lock.json', `${JSON.stringify(lock, null, 2)}\n`));
  return {
    gates: results.map((result) => ({
      gate: result.gate,
      status: result.status,
      summary: result.summary,
      installHint: result.installHint,
    })),
    files: written,
  };
}
