import type { Finding } from '../findings/finding.js';

/**
 * Exceptions proposed in a track's spec.md, under a heading `## Accepted exceptions`. The spec is a
 * model's answer, so these are proposals only: they waive nothing (src/policy/gate.ts shows them);
 * a person accepts an exception in `.infrakit/exceptions.yaml` (src/policy/person-exceptions.ts).
 *
 *     - IK-DEL-001 OrdersTable: dev data is disposable, recreated by the seed job
 *     - IK-HA-001 *: single-AZ accepted for the pilot until 2026-03
 *
 * Each line names a rule id, a resource (its logical name, or `*` for all) and a reason after the
 * colon. A line without a reason is reported as a problem and accepts nothing.
 */
export interface AcceptedException {
  ruleId: string;
  resource: string;
  reason: string;
  line: number;
}

/** The exceptions, and the lines under the heading that could not be read. */
export interface ParsedExceptions {
  exceptions: AcceptedException[];
  problems: string[];
}

const HEADING = /^##\s+accepted exceptions\s*$/i;
const ENTRY = /^[-*]\s+`?(IK-[A-Z]+-\d{3})`?\s+`?([^\s:`]+)`?\s*:\s*(.*)$/;

/** Reads the `## Accepted exceptions` section of a spec; no section means no exceptions. */
export function parseAcceptedExceptions(spec: string): ParsedExceptions {
  const exceptions: AcceptedException[] = [];
  const problems: string[] = [];
  let inside = false;
  spec.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    if (/^#{1,2}\s/.test(text)) {
      inside = HEADING.test(text.trim());
      return;
    }
    if (!inside || text.trim() === '' || /^<!--/.test(text.trim())) return;
    const match = ENTRY.exec(text.trim());
    if (!match) {
      problems.push(`spec.md:${line}: expected "- IK-XXX-000 <resource>: <reason>", got "${text.trim()}"`);
      return;
    }
    const reason = match[3].trim();
    if (reason.length < 3) {
      problems.push(`spec.md:${line}: the exception for ${match[1]} ${match[2]} gives no reason`);
      return;
    }
    exceptions.push({ ruleId: match[1], resource: match[2], reason, line });
  });
  return { exceptions, problems };
}

/** The exception that accepts a finding, if any. */
export function exceptionFor(
  finding: Finding,
  exceptions: AcceptedException[],
): AcceptedException | undefined {
  return exceptions.find(
    (exception) =>
      exception.ruleId === finding.ruleId &&
      (exception.resource === '*' || exception.resource === finding.resourceName),
  );
}
