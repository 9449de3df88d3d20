import type { CodingStyle } from '../../constraints/schema.js';
import type { PolicyRule, SourceViolation, Violation } from '../rule.js';
import { asRecord, readPath } from '../values.js';

/** Whether a Terraform version constraint has the form the style asks for. */
export function pinMatchesStyle(constraint: string, style: CodingStyle['versionPinning']): boolean {
  const trimmed = constraint.trim();
  if (style === 'exact') return /^=?\s*\d+\.\d+\.\d+$/.test(trimmed);
  if (style === 'pessimistic') return /^~>\s*\d+(\.\d+){1,2}$/.test(trimmed);
  return (
    /^>=?\s*\d+(\.\d+)*(\s*,\s*<\s*\d+(\.\d+)*)?$/.test(trimmed) ||
    /^~>/.test(trimmed) ||
    /^=?\s*\d+\.\d+\.\d+$/.test(trimmed)
  );
}

const isPackageKind = (kind: string | undefined) =>
  kind === 'Function' || kind === 'Provider' || kind === 'Configuration';

/** IK-PIN-001: provider and function versions are pinned the way the coding style says. */
export const versionPinningRule: PolicyRule = {
  id: 'IK-PIN-001',
  title: 'Version not pinned per the coding style',
  rationale:
    'An unpinned provider or function upgrades itself on the next run; pinning makes every plan and render reproducible.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2'],
  severity: () => 'medium',
  appliesTo: () => true,
  check(view, context) {
    const resource = view.resource;
    if (
      resource.tool !== 'crossplane' ||
      !resource.apiVersion?.startsWith('pkg.crossplane.io/') ||
      !isPackageKind(resource.kind)
    )
      return [];
    const reference = readPath(resource.body, 'spec.package');
    if (typeof reference !== 'string') return [];
    const line = resource.fieldLines?.['spec.package'] ?? resource.location.line;
    const [, tag] = /:([^/:@]+)$/.exec(reference) ?? [];
    const digest = reference.includes('@sha256:');
    const violations: Violation[] = [];
    if (!digest && (!tag || tag === 'latest')) {
      violations.push({
        message: `package ${reference} is not pinned to a version`,
        fieldPath: 'spec.package',
        line,
        fix: 'Pin the package to a release tag or digest.',
      });
      return violations;
    }
    const style = context.constraints.codingStyle.composition;
    if (
      resource.kind === 'Function' &&
      style &&
      reference.includes(style.function) &&
      !digest &&
      tag !== style.functionVersion
    ) {
      violations.push({
        message: `${style.function} is ${tag}; the coding style pins ${style.functionVersion}`,
        fieldPath: 'spec.package',
        line,
        fix: `Use ${reference.replace(/:[^/:@]+$/, `:${style.functionVersion}`)}.`,
      });
    }
    return violations;
  },
  checkSource(context) {
    const settings = context.parsed.settings?.terraform;
    if (!settings) return [];
    const style = context.constraints.codingStyle;
    const violations: SourceViolation[] = [];
    for (const [name, raw] of Object.entries(settings.requiredProviders)) {
      const provider = asRecord(raw) ?? {};
      const version = provider.version;
      const location = {
        file: settings.location.file,
        line: typeof provider.line === 'number' ? provider.line : settings.location.line,
      };
      const base = {
        location,
        resourceType: 'terraform.required_providers',
        resourceName: name,
        fieldPath: `required_providers.${name}.version`,
      };
      if (typeof version !== 'string' || version.trim() === '') {
        violations.push({
          ...base,
          message: `provider ${name} has no version constraint`,
          fix: `Add version = "${style.terraform?.awsProviderVersion ?? '~> 5.0'}".`,
        });
      } else if (!pinMatchesStyle(version, style.versionPinning)) {
        violations.push({
          ...base,
          severity: 'low',
          message: `provider ${name} is pinned "${version}", not ${style.versionPinning} as the coding style says`,
          fix: `Use a ${style.versionPinning} constraint such as "${style.terraform?.awsProviderVersion ?? '~> 5.0'}".`,
        });
      }
    }
    if (
      settings.present &&
      Object.keys(settings.requiredProviders).length === 0 &&
      context.parsed.resources.some(
        (resource) => resource.tool === 'terraform' && resource.type.startsWith('aws_'),
      )
    ) {
      violations.push({
        location: settings.location,
        resourceType: 'terraform',
        resourceName: 'required_providers',
        message: 'no required_providers block pins the aws provider',
        fix: 'Add terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 5.0" } } }.',
      });
    }
    return violations;
  },
};
