import { entryCovers, fixLine } from '../schemas/discover/schema-roles.js';

/**
 * The API groups Kubernetes itself serves (no CRD defines them). Groups such as
 * `gateway.networking.k8s.io` or `snapshot.storage.k8s.io` are CRDs and are not here.
 */
const BUILT_IN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** What to import so that a kind whose schema is absent can be checked, by API group or tool. */
export function importHintFor(group: string, tool: string): string {
  const command = '`infrakit schemas import <path>`';
  if (tool === 'terraform')
    return `import the provider's schema with \`tofu providers schema -json > schema.json && infrakit schemas import schema.json\``;
  if (tool === 'cloudformation') return `import its resource schema with ${command}`;
  if ((tool === 'kubernetes' || tool === 'crossplane') && BUILT_IN_GROUPS.has(group))
    return `${group || 'the core group'} is built into Kubernetes, and the schemas infrakit ships for it (docs/verify.md, "Core Kubernetes kinds") have no such kind at this version: check the kind and apiVersion (\`kubectl api-resources\` lists what your cluster serves)`;
  if (group === 'crossplane.io' || group.endsWith('.crossplane.io'))
    return `import Crossplane's own CRDs for ${group} (the \`cluster/crds\` folder of the Crossplane release your cluster runs): \`${fixLine(['crossplane-core'])}\``;
  if (entryCovers('crossplane-aws', { group, key: '', tool: 'kubernetes' }))
    return `import the AWS provider's CRDs for ${group}: \`${fixLine(['crossplane-aws'])}\``;
  if (group.endsWith('.upbound.io'))
    return `import the provider's CRDs for ${group} (its package's \`package/crds\`, or the CRD tarball) with ${command}`;
  return `import the CRDs that define ${group || 'this kind'} with ${command} (CRD files, a directory or a .tar.gz of them)`;
}
