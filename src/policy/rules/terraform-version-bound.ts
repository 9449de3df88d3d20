import { byProductionLike } from '../environment-level.js';
import { declarationFix } from '../declaration-fixes.js';
import type { PolicyRule } from '../rule.js';

/** `<existing>, < N+1.0.0` where N is the constraint's first major version. */
function bounded(constraint: string): string {
  const major = Number(/(\d+)/.exec(constraint)?.[1] ?? 1);
  return `${constraint}, < ${major + 1}.0.0`;
}

/** True when a Terraform version constraint caps the major version (`< 2.0`, `~> 1.6`, an exact pin). */
export function hasUpperBound(constraint: string): boolean {
  return constraint
    .split(',')
    .map((part) => part.trim())
    .some((part) => /^(<|<=|~>)\s*\d/.test(part) || /^=?\s*\d+\.\d+\.\d+$/.test(part));
}

/** IK-TF-001: `required_version` is set and has an upper bound, so a new Terraform major cannot run it unseen. */
export const terraformVersionBoundRule: PolicyRule = {
  id: 'IK-TF-001',
  title: 'Terraform required_version without an upper bound',
  rationale:
    'Without an upper bound a new Terraform or OpenTofu major version runs the code the day it ships, with whatever it changed; the bound makes the upgrade a reviewed change.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2', 'ISO 27001:2022 A.8.32', 'FedRAMP Moderate CM-2'],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const settings = context.parsed.settings?.terraform;
    if (!settings || !context.parsed.resources.some((resource) => resource.tool === 'terraform')) return [];
    const base = {
      location: settings.location,
      resourceType: 'terraform',
      resourceName: 'required_version',
      fieldPath: 'terraform.required_version',
    };
    const wanted = `${context.constraints.codingStyle.terraform?.requiredVersion ?? '>= 1.6'}, < 2.0.0`;
    if (settings.requiredVersion === undefined)
      return [
        {
          ...base,
          message: 'the terraform block has no required_version',
          fix: `Add required_version = "${wanted}" to the terraform block.`,
          ...(settings.present
            ? { autofix: declarationFix('required_version', JSON.stringify(wanted)) }
            : {}),
        },
      ];
    if (hasUpperBound(settings.requiredVersion)) return [];
    return [
      {
        ...base,
        message: `required_version "${settings.requiredVersion}" has no upper bound`,
        fix: `Use required_version = "${bounded(settings.requiredVersion)}" (or "~> 1.6").`,
        autofix: declarationFix('required_version', JSON.stringify(bounded(settings.requiredVersion)), true),
      },
    ];
  },
};
