import { entryCovers, fixLine } from '../schemas/discover/schema-roles.js';

/** What to import so that a kind whose schema is absent can be checked, by API group or tool. */
export function importHintFor(group: string, tool: string): string {
  const command = '`infrakit schemas import <path>`';
  if (tool === 'terraform')
    return `import the provider's schema with \`tofu providers schema -json > schema.json && infrakit schemas import schema.json\``;
  if (tool === 'cloudformation') return `import its resource schema with ${command}`;
  if (group === 'crossplane.io' || group.endsWith('.crossplane.io'))
    return `import Crossplane's own CRDs for ${group} (the \`cluster/crds\` folder of the Crossplane release your cluster runs): \`${fixLine(['crossplane-core'])}\``;
  if (entryCovers('crossplane-aws', { group, key: '', tool: 'kubernetes' }))
    return `import the AWS provider's CRDs for ${group}: \`${fixLine(['crossplane-aws'])}\``;
  if (group.endsWith('.upbound.io'))
    return `import the provider's CRDs for ${group} (its package's \`package/crds\`, or the CRD tarball) with ${command}`;
  return `import the CRDs that define ${group || 'this kind'} with ${command} (CRD files, a directory or a .tar.gz of them)`;
}
