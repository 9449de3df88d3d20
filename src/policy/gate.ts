import type { Finding } from '../findings/finding.js';
import type { Gate, GateInput, GateResult } from '../gate/types.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { runPolicy } from './engine.js';
import { exceptionFor, parseAcceptedExceptions } from './exceptions.js';

/** What the policy gate needs besides the GateInput: parsing and the track's spec, injected. */
export interface PolicyGateDependencies {
  parse(files: string[], projectRoot: string): Promise<ParsedSource>;
  /** The track's spec.md text, when there is one (exceptions live there). */
  readSpec?(input: GateInput): Promise<string | undefined>;
}

/** Severities that block a track. */
const BLOCKING = new Set(['critical', 'high']);

/** Builds the policy gate: a HIGH or CRITICAL in the target environment fails it unless the spec accepts it with a reason. */
export function createPolicyGate(dependencies: PolicyGateDependencies): Gate {
  return async (input: GateInput): Promise<GateResult> => {
    const parsed = await dependencies.parse(input.files, input.projectRoot);
    const result = runPolicy(parsed, input.constraints, { environment: input.environment });
    const spec = (await dependencies.readSpec?.(input)) ?? '';
    const { exceptions, problems } = parseAcceptedExceptions(spec);
    const blocking: Finding[] = [];
    const accepted: string[] = [];
    for (const finding of result.findings) {
      if (!BLOCKING.has(finding.severity)) continue;
      const exception = exceptionFor(finding, exceptions);
      if (exception) accepted.push(`${finding.ruleId} ${finding.resourceName ?? ''}: ${exception.reason}`);
      else blocking.push(finding);
    }
    const environment = result.environment.environment.name;
    const parseProblems = parsed.errors.map(
      (error) => `${error.location.file}:${error.location.line}: ${error.message}`,
    );
    const lines = [...problems, ...parseProblems, ...accepted.map((line) => `accepted exception: ${line}`)];
    if (parsed.resources.length === 0) {
      return {
        gate: 'policy',
        status: 'failed',
        summary: `policy: no resources found in ${input.files.length} file(s); nothing could be checked`,
        findings: result.findings,
        output: lines.join('\n') || undefined,
      };
    }
    const summary =
      blocking.length === 0
        ? `policy passed in ${environment}: ${result.findings.length} finding(s), none high or critical${accepted.length ? ` (${accepted.length} accepted by exception)` : ''}`
        : `policy failed in ${environment}: ${blocking.length} high or critical finding(s) without an accepted exception`;
    return {
      gate: 'policy',
      status: blocking.length === 0 ? 'passed' : 'failed',
      summary,
      findings: result.findings,
      ...(lines.length ? { output: lines.join('\n') } : {}),
      ran: [`infrakit policy (${result.rulesRun.length} rules)`],
    };
  };
}

/** The policy gate over generated files, parsed with src/iac/parse.ts; exceptions from `<track>/spec.md` when a reader is given. */
export const policyGate: Gate = async (input) => {
  const { parseSources } = await import('../iac/parse.js');
  const gate = createPolicyGate({ parse: (files, root) => parseSources(files, { root }) });
  return gate(input);
};
