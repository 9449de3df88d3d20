import type { PolicyRule, SourceViolation } from '../rule.js';

/** A file inside a reusable module: under a `modules/` folder. */
const inModule = (file: string): boolean => /(^|[\\/])modules[\\/]/.test(file);

/** IK-TF-004: a reusable module configures no provider and no backend; its caller does. */
export const moduleProviderBackendRule: PolicyRule = {
  id: 'IK-TF-004',
  title: 'Provider or backend block inside a module',
  rationale:
    'A provider block in a module cannot be removed by its caller, breaks count/for_each on the module and pins one region and account; a backend block in a module is ignored and misleads.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2', 'ISO 27001:2022 A.8.9'],
  severity: () => 'medium',
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const settings = context.parsed.settings?.terraform;
    if (!settings) return [];
    const violations: SourceViolation[] = [];
    for (const provider of settings.providers ?? []) {
      if (!inModule(provider.location.file)) continue;
      violations.push({
        location: provider.location,
        resourceType: 'provider',
        resourceName: provider.name,
        message: `module file configures provider "${provider.name}"`,
        fix: 'Remove the provider block; declare the provider in required_providers and configure it in the root module that calls this one.',
      });
    }
    if (settings.backend && inModule(settings.backend.location.file))
      violations.push({
        location: settings.backend.location,
        resourceType: 'terraform',
        resourceName: `backend.${settings.backend.type}`,
        message: `module declares a "${settings.backend.type}" backend`,
        fix: 'Remove the backend block from the module; the root module owns the state backend.',
      });
    return violations;
  },
};
