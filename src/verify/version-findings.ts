import type { Finding } from '../findings/finding.js';
import { versionMismatches, type DeclaredVersion } from './declared-versions.js';
import { VERIFY_RULES, fingerprintOf, isError } from './verify-finding.js';
import type { CheckedAgainst } from './verify-resource.js';

const LEGACY_RESOURCES = /^spec\.resources(\[|$)/;

/**
 * Says which version was checked when it is not the one the code declares: one warning per declared
 * dependency, and a note on each error found against that schema that it may be only a version
 * difference. A Crossplane 1.x `spec.resources` Composition checked against a v2 schema is named so
 * even without a `crossplane.yaml`.
 */
export function versionFindings(
  declared: DeclaredVersion[],
  checked: CheckedAgainst[],
  checkedFindings: Array<{ finding: Finding; against: CheckedAgainst }>,
): Finding[] {
  const mismatches = versionMismatches(declared, checked);
  const added: Finding[] = mismatches.map(({ declared: declaration, checkedName, checkedVersion }) => {
    const message = `${declaration.file} declares ${declaration.name} ${declaration.constraint}, but verify checked against ${checkedName} ${checkedVersion} (the schema in the store); findings on those resources may be only version differences: import the schema of a declared version with \`infrakit schemas import <path>\``;
    return {
      ruleId: VERIFY_RULES.versionDeclared,
      severity: 'low' as const,
      message,
      location: { file: declaration.file, line: declaration.line },
      source: 'verify' as const,
      fingerprint: fingerprintOf([
        VERIFY_RULES.versionDeclared,
        declaration.file,
        declaration.name,
        checkedVersion,
      ]),
    };
  });
  for (const { finding, against } of checkedFindings) {
    if (!isError(finding)) continue;
    const mismatch = mismatches.find(
      (candidate) =>
        candidate.checkedName === against.source.name && candidate.checkedVersion === against.source.version,
    );
    if (mismatch) {
      finding.message += ` (possibly only a version difference: the code declares ${mismatch.declared.name} ${mismatch.declared.constraint}; the schema checked is ${against.source.name} ${against.source.version})`;
      continue;
    }
    if (
      against.key === 'apiextensions.crossplane.io/Composition' &&
      LEGACY_RESOURCES.test(finding.fieldPath ?? '') &&
      /^v?[2-9]/.test(against.source.version)
    )
      finding.message += ` (a version difference: spec.resources is the Crossplane 1.x patch-and-transform mode; the schema checked is ${against.source.name} ${against.source.version}, where compositions use mode: Pipeline with function-patch-and-transform)`;
  }
  return added;
}
