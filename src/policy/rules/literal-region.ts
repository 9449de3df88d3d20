import { recordedPatchTargets } from '../../iac/crossplane/patches.js';
import { definedFields, definitionOfComposed } from '../composite-definitions.js';
import { byProductionLike } from '../environment-level.js';
import type { PolicyRule, RuleContext, SourceViolation, Violation } from '../rule.js';
import { fullPath, lineOf, type ResourceView } from '../resource-view.js';
import { valueStrings } from '../value-strings.js';

/** An AWS region or availability zone name (`us-east-1`, `eu-west-2b`, `us-gov-west-1`), as a word. */
const REGION =
  /\b((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[bef]?)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d)([a-z])?\b/;

/** ARNs are IK-ACCT-001's; their region part is not reported twice. */
const ARN = /arn:aws[\w-]*:[^\s"',}]*/g;

/** Keys whose values are prose or labels, not configuration: a region named there deploys nothing. */
const PROSE_KEY = /^(description|alarm_description|AlarmDescription|alarmDescription|tags|Tags|tags_all)$/;

const inModule = (file: string): boolean => /(^|[\\/])modules[\\/]/.test(file);

/** The first literal region or zone in a text outside its ARNs. */
function literalRegion(text: string): { region: string; zone?: string } | undefined {
  const match = REGION.exec(text.replace(ARN, ''));
  return match ? { region: match[1], zone: match[2] ? match[0] : undefined } : undefined;
}

const FIX = {
  terraform:
    'Take the region from var.region or data.aws_region.current.name, and zones from data.aws_availability_zones.',
  cloudformation: "Use !Ref AWS::Region (or !Sub '${AWS::Region}'), and !Select [0, !GetAZs ''] for a zone.",
  crossplane:
    'Patch the region from the composite (spec.parameters.region) instead of writing it in the base.',
} as const;

/** Terraform and CloudFormation: any literal region or zone in a resource argument, outside ARNs and prose. */
function checkTemplate(view: ResourceView): Violation[] {
  const tool = view.resource.tool === 'terraform' ? 'terraform' : 'cloudformation';
  const violations: Violation[] = [];
  for (const { path, text } of valueStrings(view.arguments, '', (key) => PROSE_KEY.test(key))) {
    const found = literalRegion(text);
    if (!found) continue;
    violations.push({
      message: `${path} spells out ${found.zone ? `the zone ${found.zone}` : `the region ${found.region}`}: the template deploys to one region only`,
      fieldPath: fullPath(view, path),
      line: lineOf(view, path),
      fix: FIX[tool],
    });
  }
  return violations;
}

/** Whether the XRD of a composed resource declares a region parameter. */
function regionParameter(view: ResourceView, context: RuleContext): string | undefined {
  const definition = definitionOfComposed(view.resource, context.parsed);
  return definition
    ? definedFields(definition).spec.find((field) => field.name === 'region')?.path
    : undefined;
}

/**
 * Crossplane: a literal `region` (or availability zone) is the only way to write a plain managed
 * resource, so only composed resources are judged, where a literal is a defect: the XRD has a region
 * parameter that no patch carries into the field, or the literal names another region than the
 * project's (`context.md` region) and the context does not say the design is multi-region.
 */
function checkCrossplane(view: ResourceView, context: RuleContext): Violation[] {
  if (!view.resource.origin?.composition) return [];
  const patched = new Set(recordedPatchTargets(view.resource.meta).map((target) => target.path));
  const parameter = regionParameter(view, context);
  const projectRegion = context.constraints.context.region;
  const multiRegion = context.constraints.context.resilience?.multiRegion === true;
  const violations: Violation[] = [];
  for (const [key, value] of Object.entries(view.arguments)) {
    if (key !== 'region' && !/^availabilityZones?$/.test(key)) continue;
    if (patched.has(`spec.forProvider.${key}`)) continue;
    for (const { path, text } of valueStrings(value, key)) {
      const found = literalRegion(text);
      if (!found || text.includes('{{')) continue;
      const what = found.zone ? `the zone ${found.zone}` : `the region ${found.region}`;
      const reason = parameter
        ? `the XRD declares ${parameter}, but this composed resource writes ${what} literally`
        : !multiRegion && found.region !== projectRegion
          ? `${path} is ${what}, not the project's region ${projectRegion} (context.md)`
          : undefined;
      if (!reason) continue;
      violations.push({
        message: reason,
        fieldPath: fullPath(view, path),
        line: lineOf(view, path),
        fix: parameter
          ? `Patch ${parameter} into spec.forProvider.${key} (or render it in the go-template).`
          : `Use the project's region ${projectRegion}, or set resilience.multiRegion: true in context.md if this resource is meant for another region.`,
      });
    }
  }
  return violations;
}

/**
 * IK-ACCT-002: no literal region or availability zone outside ARNs. Terraform and CloudFormation:
 * any resource argument, a `provider` block inside a module and a `locals` value; Crossplane: the
 * `region` / `availabilityZone` fields where a literal is a defect (see checkCrossplane). A value
 * from an input or an expression is not hard-coded, so this rule has nothing it cannot see.
 */
export const literalRegionRule: PolicyRule = {
  id: 'IK-ACCT-002',
  title: 'Hard-coded region or availability zone',
  rationale:
    'A literal region pins the code to one region: deployed anywhere else it creates resources in the wrong place or fails, and a disaster-recovery copy in another region cannot be made from it.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2', 'NIST 800-53 CP-7', 'ISO 27001:2022 A.8.9'],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check(view, context) {
    if (view.resource.tool === 'kubernetes') return [];
    if (view.resource.tool === 'crossplane') return view.entry ? checkCrossplane(view, context) : [];
    if (view.resource.meta.mode === 'data') return [];
    return checkTemplate(view);
  },
  checkSource(context) {
    const settings = context.parsed.settings?.terraform;
    if (!settings) return [];
    const violations: SourceViolation[] = [];
    for (const provider of settings.providers ?? []) {
      const region = provider.body.region;
      if (!inModule(provider.location.file) || typeof region !== 'string') continue;
      const found = literalRegion(region);
      if (!found || region.includes('${')) continue;
      violations.push({
        location: provider.location,
        resourceType: 'provider',
        resourceName: provider.name,
        fieldPath: 'region',
        message: `the module's provider "${provider.name}" pins region ${found.region}: callers cannot deploy the module elsewhere`,
        fix: 'Remove the provider block from the module (IK-TF-004); the root module sets the region, from a variable.',
      });
    }
    for (const local of settings.locals ?? []) {
      const found = [...valueStrings(local.value, '')].map(({ text }) => literalRegion(text)).find(Boolean);
      if (!found) continue;
      violations.push({
        location: { file: local.file, line: 1 },
        resourceType: 'locals',
        resourceName: local.name,
        message: `local.${local.name} spells out ${found.zone ? `the zone ${found.zone}` : `the region ${found.region}`}, which no caller can override`,
        fix: 'Take it from a variable or from data.aws_region.current.name / data.aws_availability_zones.',
      });
    }
    return violations;
  },
};
