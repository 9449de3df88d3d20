import type { Finding } from '../findings/finding.js';
import { entryCovers, fixLine, type SchemaRole } from '../schemas/discover/schema-roles.js';
import { isError, VERIFY_RULES } from './verify-finding.js';
import { againstProjectXrds } from './verify-summary.js';

const ROLES: readonly SchemaRole[] = ['crossplane-core', 'crossplane-aws', 'terraform-aws'];

/** The API group of a finding's `group/version/Kind` (empty for core kinds and non-Kubernetes types). */
const groupOf = (resourceType: string): string => {
  const parts = resourceType.split('/');
  return parts.length === 3 ? parts[0] : '';
};

/** The roles whose import would let verify check the kinds these findings say it could not. */
function missingRoles(findings: readonly Finding[]): SchemaRole[] {
  const roles = new Set<SchemaRole>();
  for (const finding of findings) {
    if (finding.ruleId !== VERIFY_RULES.unverifiable || !finding.resourceType) continue;
    const group = groupOf(finding.resourceType);
    const entry = { group, key: finding.resourceType, tool: group ? 'kubernetes' : 'terraform' } as const;
    for (const role of ROLES)
      if (
        entryCovers(role, entry) ||
        (role === 'crossplane-core' && (group === 'crossplane.io' || group.endsWith('.crossplane.io')))
      )
        roles.add(role);
  }
  return ROLES.filter((role) => roles.has(role));
}

/** The one line that imports the schemas of the kinds these findings left unchecked ('' when unknown). */
export const uncheckedFix = (findings: readonly Finding[]): string => fixLine(missingRoles(findings));

/**
 * What to say when verify found resources but checked none of them against a schema: the kinds
 * left unchecked, and the one command that imports their schemas (pasteable when infrakit knows
 * where they come from).
 */
export function nothingCheckedMessage(
  command: string,
  shown: string,
  counts: { checkable: number; againstProjectXrds: number },
  findings: readonly Finding[],
): { message: string; hint: string } {
  const kinds = [
    ...new Set(
      findings
        .filter((finding) => finding.ruleId === VERIFY_RULES.unverifiable)
        .map((finding) => finding.resourceType)
        .filter((type): type is string => Boolean(type)),
    ),
  ];
  const fix = uncheckedFix(findings);
  // A CloudFormation template that needs a macro or Rain first says how in its own notice.
  const expansion = findings.find(
    (finding) =>
      finding.ruleId === VERIFY_RULES.unverifiable && /after expansion|rain pkg/.test(finding.message),
  );
  const listed =
    kinds.length > 4 ? `${kinds.slice(0, 4).join(', ')} and ${kinds.length - 4} more` : kinds.join(', ');
  const { checkable } = counts;
  const own = counts.againstProjectXrds
    ? `; ${counts.againstProjectXrds} only against the project's own XRDs, which are themselves unchecked`
    : '';
  return {
    message: `${command}: none of the ${checkable} resource${checkable === 1 ? '' : 's'} in ${shown} was checked against an imported or built-in schema (none imported for ${listed || 'their kinds'}${own}); nothing was checked`,
    hint: fix
      ? `Import the schemas, then run it again: ${fix}`
      : expansion
        ? `The template is checked after expansion: ${expansion.message}.`
        : 'Import the schemas that define these kinds with `infrakit schemas import <CRD files, a folder or a .tar.gz>`, then run it again (or pass --strict to fail on each unchecked resource).',
  };
}

/**
 * For one verify answer (the MCP tool's): the message and hint when it found resources but checked
 * none against an imported or built-in schema and reported no error, else undefined.
 */
export function uncheckedAnswer(
  command: string,
  shown: string,
  outcome: {
    findings: readonly Finding[];
    checkable?: number;
    checked?: ReadonlyArray<{ source: { name: string } }>;
  },
): { message: string; hint: string } | undefined {
  const checked = outcome.checked ?? [];
  const own = againstProjectXrds(checked);
  if ((outcome.checkable ?? 0) === 0 || checked.length > own || outcome.findings.some(isError))
    return undefined;
  return nothingCheckedMessage(
    command,
    shown,
    { checkable: outcome.checkable ?? 0, againstProjectXrds: own },
    outcome.findings,
  );
}
