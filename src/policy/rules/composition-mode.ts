import type { PolicyRule } from '../rule.js';
import { readPath } from '../values.js';

/** IK-COMP-001: Compositions use Pipeline mode when the coding style says so. */
export const compositionModeRule: PolicyRule = {
  id: 'IK-COMP-001',
  title: 'Composition not in Pipeline mode',
  rationale:
    'Resources mode (patch-and-transform inline) is deprecated and removed in Crossplane v2; the style asks for a function pipeline.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2'],
  severity: () => 'medium',
  appliesTo: (constraints) =>
    constraints.codingStyle.iac === 'crossplane' &&
    (constraints.codingStyle.composition?.mode ?? 'Pipeline') === 'Pipeline',
  check(view, context) {
    const resource = view.resource;
    if (resource.kind !== 'Composition' || !resource.apiVersion?.startsWith('apiextensions.crossplane.io/'))
      return [];
    const mode = readPath(resource.body, 'spec.mode');
    const hasResources = Array.isArray(readPath(resource.body, 'spec.resources'));
    const v2 = (context.constraints.context.crossplane?.version ?? 'v2') === 'v2';
    if (mode === 'Pipeline' || (mode === undefined && v2 && !hasResources)) return [];
    const line =
      resource.fieldLines?.['spec.mode'] ?? resource.fieldLines?.['spec.resources'] ?? resource.location.line;
    return [
      {
        severity: v2 && (mode === 'Resources' || hasResources) ? 'high' : undefined,
        message:
          mode === undefined
            ? 'spec.mode is not set (Crossplane v1 defaults to Resources)'
            : `spec.mode is ${String(mode)}${v2 ? ': Crossplane v2 supports only Pipeline' : ''}`,
        fieldPath: 'spec.mode',
        line,
        fix: 'Set spec.mode: Pipeline and move the resources into a function-go-templating step.',
      },
    ];
  },
};
