import type { Baseline } from './baseline.js';
import type { ChangePlan } from './change-schemas.js';
import type { DiffGateResult } from './diff-gate.js';

/** The Solutions Engineer's instruction on an update track: ask about the change only. */
export const CHANGE_INSTRUCTION =
  'This is a change to EXISTING infrastructure code, not a new design. Ask only about the change itself ' +
  '(one question at a time, only what changes the edit), never about things the code already settles. ' +
  'When you know enough, return the change spec (spec set, question null): what changes, in which environments, ' +
  'and what must stay exactly as it is, with numbered requirements R1, R2, ...';

/** The reviewers' instruction: judge the change against the baseline and the current code. */
export const REVIEW_INSTRUCTION =
  'Review this CHANGE to existing code. Under Spec you find the change, the current code of the affected resources ' +
  'and the baseline findings. Judge only what the change adds or removes: would it make anything worse (security, ' +
  'reliability, cost)? Verdict REJECT when the change itself introduces a critical or high problem, APPROVE WITH ' +
  'CHANGES for medium or low concerns, APPROVE otherwise.';

/** The IaC Engineer's planning instruction: name every resource and field that changes. */
export function planInstruction(resourceKeys: string[]): string {
  return (
    'Plan the change as a list of the resources and fields that change; nothing else may change. ' +
    `Use the resource keys exactly as listed: ${resourceKeys.join(', ')}. ` +
    'For a renamed variable or parameter, name it (and each resource whose lines reference it) as a change.'
  );
}

/** The IaC Engineer's implementation instruction: structured edits, never whole files. */
export function editsInstruction(plan: ChangePlan): string {
  return (
    'Implement the plan below as EDITS, never as whole files. Each edit names its file (relative to the target folder), ' +
    'the resource key from the plan, the field path as a list, op set|delete|rename, and the value written exactly as it ' +
    'must appear in the source (go-template actions, HCL expressions and YAML tags are allowed). Touch only the resources ' +
    `and fields in the plan.\n\nPlan:\n${JSON.stringify(plan, null, 2)}`
  );
}

/** baseline.md: the human summary of baseline.json. */
export function renderBaseline(baseline: Baseline): string {
  const gates = baseline.gates
    .map((gate) => `- ${gate.gate}: **${gate.status}**: ${gate.summary}`)
    .join('\n');
  const findings = baseline.findings.length
    ? baseline.findings
        .map(
          (finding) =>
            `- [${finding.severity}] ${finding.ruleId} ${finding.resourceName ?? ''} ${finding.location.file}:${finding.location.line} ${finding.message} (\`${finding.fingerprint.slice(0, 12)}\`)`,
        )
        .join('\n')
    : 'None.';
  const resources = baseline.resources
    .map((resource) => `- \`${resource.key}\` (${resource.type}) ${resource.file}:${resource.line}`)
    .join('\n');
  return `# Baseline\n\nTaken at ${baseline.takenAt}${baseline.environment ? ` for ${baseline.environment}` : ''}.\n\n## Gates\n\n${gates}\n\n## Findings (${baseline.findings.length})\n\n${findings}\n\n## Resources (${baseline.resources.length})\n\n${resources}\n`;
}

/** plan.md from the structured plan. */
export function renderChangePlan(plan: ChangePlan): string {
  const rows = plan.changes.map(
    (change) =>
      `| ${change.file} | \`${change.resource}\` | ${change.fields.map((field) => `\`${field}\``).join(', ') || '—'} | ${change.reason.replace(/\|/g, '\\|')} |`,
  );
  return `# Plan\n\n${plan.summary}\n\n| file | resource | fields | why |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

/** gate-report.md of an update: the gates, new, fixed and stray. */
export function renderDiffGate(result: DiffGateResult, at: Date): string {
  const lines = [`# Gate report (baseline and diff)\n\nRun at ${at.toISOString()}: **${result.status}**.\n`];
  if (result.reasons.length)
    lines.push('## Why it is blocked\n', ...result.reasons.map((reason) => `- ${reason}`), '');
  lines.push(
    '## Gates\n',
    ...result.gates.map(
      (gate) =>
        `- ${gate.gate}: **${gate.status}**: ${gate.summary}${gate.installHint ? ` (install: \`${gate.installHint}\`)` : ''}`,
    ),
    '',
  );
  lines.push(
    `## New findings (${result.newFindings.length})\n`,
    ...(result.newFindings.length
      ? result.newFindings.map(
          (finding) =>
            `- [${finding.severity}] ${finding.ruleId} ${finding.resourceName ?? ''} ${finding.location.file}:${finding.location.line} ${finding.message}`,
        )
      : ['None.']),
    '',
  );
  lines.push(
    `## Fixed by this change (${result.fixedFindings.length})\n`,
    ...(result.fixedFindings.length
      ? result.fixedFindings.map(
          (finding) => `- ${finding.ruleId} ${finding.resourceName ?? ''} ${finding.message}`,
        )
      : ['None.']),
    '',
  );
  if (result.strayLines.length)
    lines.push(
      '## Changed lines outside the plan\n',
      ...result.strayLines.map(
        (stray) =>
          `- ${stray.file}:${stray.line} (${stray.owner ?? 'no resource'}): \`${stray.text.trim()}\``,
      ),
      '',
    );
  return `${lines.join('\n')}\n`;
}
