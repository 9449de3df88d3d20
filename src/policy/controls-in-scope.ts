import type { ComplianceFramework } from '../constraints/schema.js';

/** The framework a control reference belongs to, read from its prefix (`SOC 2 CC6.1` → soc2). */
const FRAMEWORK_PREFIXES: ReadonlyArray<[prefix: string, framework: ComplianceFramework]> = [
  ['SOC 2', 'soc2'],
  ['HIPAA', 'hipaa'],
  ['PCI-DSS', 'pci-dss'],
  ['ISO 27001', 'iso27001'],
  ['NIST 800-53', 'nist-800-53'],
  ['CIS AWS', 'cis'],
  ['FedRAMP', 'fedramp'],
];

/** The framework of a control reference, or undefined for a reference no framework claims. */
export function frameworkOf(control: string): ComplianceFramework | undefined {
  return FRAMEWORK_PREFIXES.find(([prefix]) => control.startsWith(prefix))?.[1];
}

/**
 * The controls a finding cites: those of the frameworks in the project's compliance scope. A project
 * with no framework in scope gets every reference (there is no scope to narrow to).
 */
export function controlsInScope(
  controls: readonly string[],
  scope: readonly ComplianceFramework[],
): string[] {
  if (scope.length === 0) return [...controls];
  return controls.filter((control) => {
    const framework = frameworkOf(control);
    return framework === undefined || scope.includes(framework);
  });
}
