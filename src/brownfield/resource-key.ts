import type { Resource } from '../iac/resource-model.js';

/**
 * The name a plan and an edit use for a resource: `type.name` for Terraform (names repeat across
 * types), the logical id for CloudFormation, the resource name for Crossplane and Kubernetes.
 */
export function resourceKey(resource: Resource): string {
  if (resource.tool !== 'terraform') return resource.name;
  return resource.name.startsWith('data.') ? resource.name : `${resource.type}.${resource.name}`;
}
