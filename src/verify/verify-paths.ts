import type { Finding } from '../findings/finding.js';
import { parseSources, parseText } from '../iac/parse.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { SchemaStore } from '../schemas/store.js';
import { registerProjectXrds } from './project-xrds.js';
import { storeKeyOf, verifyResource, type CheckedAgainst } from './verify-resource.js';
import { celProgramCache, type CelProgramCache } from './cel-rules.js';
import { VERIFY_RULES, fingerprintOf, isError, toFinding } from './verify-finding.js';
import { declaredVersions, isPackageMetadata } from './declared-versions.js';
import { versionFindings } from './version-findings.js';
import { againstProjectXrds, verifySummary } from './verify-summary.js';
import { VerifyProfile } from './verify-profile.js';

/** Options shared by verifyPaths and verifyText. */
export interface VerifyOptions {
  projectRoot: string;
  store?: SchemaStore;
  cacheDirectory?: string;
  /** `verify --strict`: a kind whose schema is absent fails (an error per resource), instead of one warning per kind. */
  strict?: boolean;
}

/** The verifier's answer. */
export interface VerifyResult {
  findings: Finding[];
  resources: number;
  summary: string;
  /** Which schema each verified resource was checked against (schema.lock.json). */
  checked: Array<CheckedAgainst & { resourceType: string }>;
  /** Resources that need a schema (all but package metadata); `checked.length` of them were checked. */
  checkable: number;
  errors: number;
  warnings: number;
}

/** Verifies files and directories (relative to projectRoot) against the project's schema store. */
export async function verifyPaths(paths: string[], options: VerifyOptions): Promise<VerifyResult> {
  const profile = VerifyProfile.fromEnvironment();
  const parsed = await parseSources(paths, { root: options.projectRoot });
  profile?.mark('parse');
  const result = await verifyParsed(parsed, options, profile);
  profile?.print();
  return result;
}

/** Verifies inline text as if it were a file named `fileName` (used by the MCP server). */
export async function verifyText(
  text: string,
  fileName: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  return verifyParsed(await parseText(text, fileName), options);
}

const countedMessage = (message: string): string => {
  const match = message.match(/ \((\d+) resources of this kind\)$/);
  const count = match ? Number(match[1]) + 1 : 2;
  return `${match ? message.slice(0, match.index) : message} (${count} resources of this kind)`;
};

/** Verifies an already parsed source. */
export async function verifyParsed(
  parsed: ParsedSource,
  options: VerifyOptions,
  profile?: VerifyProfile,
): Promise<VerifyResult> {
  const store =
    options.store ??
    (await SchemaStore.open(options.projectRoot, { cacheDirectory: options.cacheDirectory }));
  profile?.mark('store open');
  await registerProjectXrds(options.projectRoot, store, parsed.resources);
  profile?.mark('project XRDs');
  const findings: Finding[] = parsed.errors.map((error) => ({
    ruleId: VERIFY_RULES.parse,
    severity: 'high' as const,
    message: `cannot read: ${error.message}`,
    location: error.location,
    source: 'verify' as const,
    fix: 'fix the syntax so that every resource can be verified',
    fingerprint: fingerprintOf([VERIFY_RULES.parse, error.location.file, error.message]),
  }));
  // Links the scan would not follow (out of the project, into .git/, dangling): a note, not a crash.
  for (const skipped of parsed.skipped ?? [])
    findings.push({
      ruleId: 'IK-SCAN-SKIPPED',
      severity: 'info',
      message: `not read: ${skipped.file} is ${skipped.reason}`,
      location: { file: skipped.file, line: 1 },
      source: 'verify',
      fix: 'point the link at a file inside the project, or remove it',
      fingerprint: fingerprintOf(['IK-SCAN-SKIPPED', skipped.file]),
    });
  await store.prefetch(
    parsed.resources
      .filter(
        (resource) =>
          resource.type &&
          !isPackageMetadata(resource) &&
          !(resource.tool === 'cloudformation' && resource.type.startsWith('Custom::')),
      )
      .map(storeKeyOf),
  );
  profile?.mark('schemas read');
  const checked: VerifyResult['checked'] = [];
  const seen = new Set<string>();
  let celPrograms: Promise<CelProgramCache> | undefined;
  const sharedCelPrograms = () => (celPrograms ??= celProgramCache());
  const absentKinds = new Map<string, Finding>();
  const checkedFindings: Array<{ finding: Finding; against: CheckedAgainst }> = [];
  // Resources refused without a schema to check against (a type or kind that does not exist): judged.
  let refusedUnchecked = 0;
  for (const resource of parsed.resources) {
    if (isPackageMetadata(resource)) continue; // crossplane.yaml: read for its declared versions only
    const verification = await verifyResource(resource, store, {
      strict: options.strict,
      celPrograms: sharedCelPrograms,
    });
    if (verification.checkedAgainst)
      checked.push({ ...verification.checkedAgainst, resourceType: resource.type });
    else if (
      verification.issues.some(
        (issue) => issue.level === 'error' && issue.ruleId !== VERIFY_RULES.unverifiable,
      )
    )
      refusedUnchecked += 1;
    for (const issue of verification.issues) {
      const finding = toFinding(resource, issue);
      if (verification.checkedAgainst)
        checkedFindings.push({ finding, against: verification.checkedAgainst });
      if (issue.ruleId === VERIFY_RULES.unverifiable && issue.level === 'warning' && !issue.fieldPath) {
        // once per kind: the first resource names it, with how many more there are
        const first = absentKinds.get(finding.resourceType ?? resource.type);
        if (first) {
          first.message = countedMessage(first.message);
          continue;
        }
        absentKinds.set(finding.resourceType ?? resource.type, finding);
      }
      const identity = `${finding.fingerprint}:${finding.location.line}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      findings.push(finding);
    }
  }
  profile?.mark(`checks of ${parsed.resources.length} resources`);
  findings.push(
    ...versionFindings(declaredVersions(parsed.resources, parsed.settings), checked, checkedFindings),
  );
  findings.sort(
    (left, right) =>
      left.location.file.localeCompare(right.location.file) || left.location.line - right.location.line,
  );
  const errors = findings.filter(isError).length;
  const warnings = findings.length - errors;
  const resources = parsed.resources.length;
  const checkable = parsed.resources.filter((resource) => !isPackageMetadata(resource)).length;
  const summary = verifySummary({
    resources,
    files: parsed.files.length,
    checkable,
    checked: checked.length + refusedUnchecked,
    againstProjectXrds: againstProjectXrds(checked),
    errors,
    warnings,
  });
  return { findings, resources, checkable, summary, checked, errors, warnings };
}
