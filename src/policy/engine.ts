import type { Constraints } from '../constraints/load.js';
import type { Finding } from '../findings/finding.js';
import type { ParsedSource, Resource } from '../iac/resource-model.js';
import { ENVIRONMENT_INPUT, resolveEnvironment, type ResolvedEnvironment } from './environment.js';
import type { ParameterCondition } from '../iac/crossplane/template-values.js';
import { controlsInScope } from './controls-in-scope.js';
import { findingFingerprint } from './fingerprint.js';
import type { AutoFix, PolicyRule, RuleContext, Violation } from './rule.js';
import { POLICY_RULES } from './rules/index.js';
import { viewOf, type ResourceView } from './resource-view.js';

/** Options of one policy run. */
export interface PolicyOptions {
  /** --env or the track's environment; when absent it is read from the template or the strictest applies. */
  environment?: string;
  /** Rules to run (default: all). */
  rules?: readonly PolicyRule[];
}

/** Findings, each with its autofix when one exists, and how the environment was chosen. */
export interface PolicyResult {
  findings: Finding[];
  /** Autofix data by finding fingerprint, for `review --fix`. */
  autofixes: Map<string, { autofix: AutoFix; resource: Resource }>;
  environment: ResolvedEnvironment;
  /** Ids of the rules that ran (applied to these constraints). */
  rulesRun: string[];
}

const environmentNote = (environment: ResolvedEnvironment): string =>
  environment.origin === 'strictest'
    ? ` [judged as ${environment.environment.name}, the strictest: ${environment.origin === 'strictest' && environment.reason.startsWith('no environment') ? 'no environment parameter, track or --env' : environment.reason}]`
    : ` [${environment.environment.name}]`;

/**
 * Whether a go-template resource is written in this environment: a resource only some if/else
 * branches write (`{{ if eq $env "prod" }}`) is judged in the environments its branch is taken for.
 */
function inEnvironmentBranch(resource: Resource, environment: string): boolean {
  const branches = resource.meta.parameterBranches as ParameterCondition[][] | undefined;
  if (!branches) return true;
  return branches.some((conditions) =>
    conditions.every(
      (condition) =>
        !ENVIRONMENT_INPUT.test(condition.parameter.split('.').at(-1) ?? '') ||
        (condition.equals.toLowerCase() === environment.toLowerCase()) === condition.holds,
    ),
  );
}

/**
 * The filter keeping each go-template resource variant written in this environment. The variants are
 * readings of the template, not every combination of its branches: when none of a resource's
 * variants is taken for this environment (e.g. `staging` where the readings assume `prod` and
 * `dev`), every variant is judged rather than none.
 */
function branchTakenIn(resources: Resource[], environment: string): (resource: Resource) => boolean {
  const variantKey = (resource: Resource) =>
    `${resource.location.file}\u0000${resource.type}\u0000${resource.name}`;
  const taken = new Set(resources.filter((resource) => inEnvironmentBranch(resource, environment)));
  const covered = new Set([...taken].map(variantKey));
  return (resource) => taken.has(resource) || !covered.has(variantKey(resource));
}

/** Runs every applicable rule over every resource. Pure: no IO, no clock. */
export function runPolicy(
  parsed: ParsedSource,
  constraints: Constraints,
  options: PolicyOptions = {},
): PolicyResult {
  const environment = resolveEnvironment(parsed, constraints.context, options.environment);
  // Data sources are read, not created; a manifest with `status` is observed state for `crossplane render`.
  const views = parsed.resources
    .filter(
      (resource) =>
        resource.meta.mode !== 'data' &&
        !(resource.tool !== 'terraform' && resource.tool !== 'cloudformation' && 'status' in resource.body),
    )
    .filter(branchTakenIn(parsed.resources, environment.environment.name))
    .map(viewOf);
  const context: RuleContext = { constraints, environment, parsed, views };
  const rules = (options.rules ?? POLICY_RULES).filter((rule) => rule.appliesTo(constraints));
  const findings: Finding[] = [];
  const autofixes: PolicyResult['autofixes'] = new Map();
  const seen = new Set<string>();
  const variantsOf = branchVariants(views);
  const variantHits = new Map<string, { indices: Set<number>; count: number }>();
  const add = (
    rule: PolicyRule,
    violation: Violation,
    where: { file: string; line: number; resourceType?: string; resourceName?: string; resource?: Resource },
  ) => {
    const fingerprint = findingFingerprint({
      ruleId: rule.id,
      resourceType: where.resourceType,
      resourceName: where.resourceName,
      fieldPath: violation.fieldPath,
    });
    const key = `${fingerprint}\u0000${violation.message}`;
    if (where.resource && variantsOf.has(where.resource)) {
      const variant = variantsOf.get(where.resource)!;
      const hits = variantHits.get(fingerprint) ?? { indices: new Set<number>(), count: variant.count };
      hits.indices.add(variant.index);
      variantHits.set(fingerprint, hits);
    }
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      ruleId: rule.id,
      severity: violation.severity ?? rule.severity(environment.environment),
      message: `${violation.message}${environmentNote(environment)}`,
      location: { file: where.file, line: violation.line ?? where.line },
      resourceType: where.resourceType,
      resourceName: where.resourceName,
      fieldPath: violation.fieldPath,
      fix: violation.fix,
      controls: controlsInScope(rule.controls, constraints.context.compliance),
      ...(violation.kind ? { kind: violation.kind } : {}),
      source: 'policy',
      fingerprint,
    });
    const target = violation.autofixTarget ?? where.resource ?? declarationTarget(violation, where);
    if (violation.autofix && target)
      autofixes.set(fingerprint, { autofix: violation.autofix, resource: target });
  };
  for (const rule of rules) {
    for (const view of views) {
      const location = view.resource.location;
      for (const violation of rule.check(view, context)) {
        add(rule, violation, {
          file: location.file,
          line: location.line,
          resourceType: view.resource.type,
          resourceName: view.resource.name,
          resource: view.resource,
        });
      }
    }
    for (const violation of rule.checkSource?.(context) ?? []) {
      add(rule, violation, {
        file: violation.location.file,
        line: violation.location.line,
        resourceType: violation.resourceType,
        resourceName: violation.resourceName,
      });
    }
  }
  return {
    findings: findings.map((finding) => softenBranchOnly(finding, variantHits)),
    autofixes,
    environment,
    rulesRun: rules.map((rule) => rule.id),
  };
}

/** For go-template resources read in several if/else variants: each resource's variant index and the variant count. */
function branchVariants(views: ResourceView[]): Map<Resource, { index: number; count: number; key: string }> {
  const groups = new Map<string, Resource[]>();
  for (const view of views) {
    const origin = view.resource.origin;
    if (!origin?.branch) continue;
    const key = `${view.resource.location.file}\u0000${origin.composition ?? ''}\u0000${origin.step ?? ''}\u0000${view.resource.type}\u0000${view.resource.name}`;
    groups.set(key, [...(groups.get(key) ?? []), view.resource]);
  }
  const result = new Map<Resource, { index: number; count: number; key: string }>();
  for (const [key, resources] of groups)
    resources.forEach((resource, index) => result.set(resource, { index, count: resources.length, key }));
  return result;
}

/**
 * A problem present in only some if/else readings of a go-template depends on a branch the policy
 * cannot evaluate (often `if prod`): it is reported as MEDIUM, not blocking, and says so.
 */
function softenBranchOnly(
  finding: Finding,
  hits: Map<string, { indices: Set<number>; count: number }>,
): Finding {
  const seenIn = finding.fingerprint ? hits.get(finding.fingerprint) : undefined;
  if (!seenIn || seenIn.indices.size >= seenIn.count) return finding;
  const softened =
    finding.severity === 'critical' || finding.severity === 'high' ? 'medium' : finding.severity;
  return {
    ...finding,
    severity: softened,
    message: `${finding.message} (only in some if/else branches of the template; check the branch that runs in this environment)`,
  };
}

/** A source violation's declaration (variable, output, parameter, terraform block) as the resource its autofix edits. */
function declarationTarget(
  violation: Violation,
  where: { file: string; line: number; resourceType?: string; resourceName?: string },
): Resource | undefined {
  if (violation.autofix?.kind !== 'declaration') return undefined;
  return {
    tool: /\.tf$/.test(where.file) ? 'terraform' : 'cloudformation',
    type: where.resourceType ?? 'declaration',
    name: where.resourceName ?? '',
    body: {},
    meta: {},
    location: { file: where.file, line: where.line },
  };
}
