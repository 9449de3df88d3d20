import type { Finding } from '../findings/finding.js';
import type { Gate, GateInput, GateResult } from '../gate/types.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { runPolicy } from './engine.js';
import { parseAcceptedExceptions } from './exceptions.js';
import {
  EXCEPTIONS_FILE,
  matchingExceptions,
  readPersonExceptions,
  whyNotApplied,
  type PersonExceptions,
} from './person-exceptions.js';

/** What the policy gate needs besides the GateInput: parsing, the track's spec and the person's exceptions, injected. */
export interface PolicyGateDependencies {
  parse(files: string[], projectRoot: string): Promise<ParsedSource>;
  /** The track's spec.md text, when there is one: its "Accepted exceptions" are only proposals. */
  readSpec?(input: GateInput): Promise<string | undefined>;
  /** The exceptions a person accepted; `.infrakit/exceptions.yaml` of the project when absent. */
  readExceptions?(input: GateInput): Promise<PersonExceptions>;
  /** Today, for expiry dates; the real clock when absent. */
  now?(): Date;
}

/** Severities that block a track. */
const BLOCKING = new Set(['critical', 'high']);

/**
 * Builds the policy gate: a HIGH or CRITICAL in the target environment fails it unless a person
 * accepted it in `.infrakit/exceptions.yaml` (rule, resource, reason, named person, optional
 * expiry). Exceptions written in the spec come from a model's answer: they are shown as
 * proposals and waive nothing.
 */
export function createPolicyGate(dependencies: PolicyGateDependencies): Gate {
  return async (input: GateInput): Promise<GateResult> => {
    const parsed = await dependencies.parse(input.files, input.projectRoot);
    const result = runPolicy(parsed, input.constraints, { environment: input.environment });
    const spec = (await dependencies.readSpec?.(input)) ?? '';
    const proposed = parseAcceptedExceptions(spec).exceptions;
    const person = await (
      dependencies.readExceptions ?? ((gateInput) => readPersonExceptions(gateInput.projectRoot))
    )(input);
    const environment = result.environment.environment.name;
    const today = (dependencies.now?.() ?? new Date()).toISOString().slice(0, 10);
    const blocking: Finding[] = [];
    const accepted: string[] = [];
    const notApplied: string[] = [];
    for (const finding of result.findings) {
      if (!BLOCKING.has(finding.severity)) continue;
      const candidates = matchingExceptions(finding, person.exceptions);
      const applied = candidates.find((exception) => !whyNotApplied(exception, environment, today));
      const what = `${finding.ruleId} ${finding.resourceName ?? '*'}`;
      if (applied) {
        accepted.push(
          `${what} (${finding.severity}) accepted by ${applied.approvedBy}${applied.expires ? ` until ${applied.expires}` : ''}: ${applied.reason} (${EXCEPTIONS_FILE}, exceptions[${applied.index}])`,
        );
        continue;
      }
      blocking.push(finding);
      for (const exception of candidates)
        notApplied.push(
          `exception not applied: ${what} by ${exception.approvedBy}: ${whyNotApplied(exception, environment, today)} (${EXCEPTIONS_FILE}, exceptions[${exception.index}])`,
        );
    }
    const proposals = proposed.map(
      (exception) =>
        `proposed exception (spec.md:${exception.line}, not applied: only a person can accept it, in ${EXCEPTIONS_FILE}): ${exception.ruleId} ${exception.resource}: ${exception.reason}`,
    );
    const parseProblems = parsed.errors.map(
      (error) => `${error.location.file}:${error.location.line}: ${error.message}`,
    );
    const lines = [
      ...person.problems,
      ...parseProblems,
      ...accepted.map((line) => `accepted exception: ${line}`),
      ...notApplied,
      ...proposals,
    ];
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
        ? `policy passed in ${environment}: ${result.findings.length} finding(s), none high or critical${accepted.length ? ` (${accepted.length} accepted by a person in ${EXCEPTIONS_FILE})` : ''}`
        : `policy failed in ${environment}: ${blocking.length} high or critical finding(s) without an exception a person accepted${proposals.length ? ` (${proposals.length} proposed in the spec, not applied)` : ''}`;
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

/** The policy gate over generated files, parsed with src/iac/parse.ts; exceptions from the project's `.infrakit/exceptions.yaml`. */
export const policyGate: Gate = async (input) => {
  const { parseSources } = await import('../iac/parse.js');
  const gate = createPolicyGate({ parse: (files, root) => parseSources(files, { root }) });
  return gate(input);
};
