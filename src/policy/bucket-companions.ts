import { isUnknownValue, type Resource } from '../iac/resource-model.js';
import type { ResourceView } from './resource-view.js';

/**
 * Whether a resource (a bucket policy, a logging configuration) names the bucket of `bucket`:
 * Terraform `aws_s3_bucket.<name>.id`, CloudFormation `!Ref <LogicalId>`, or for Crossplane a
 * resource of the same composition (or the same manifest file outside one).
 */
export function targetsBucket(resource: Resource, field: string, bucket: ResourceView): boolean {
  const own = bucket.resource;
  if (resource.tool !== own.tool) return false;
  if (resource.tool === 'crossplane')
    return own.origin?.composition
      ? resource.origin?.composition === own.origin.composition
      : resource.location.file === own.location.file;
  const body = resource.tool === 'cloudformation' ? resource.body : resource.body;
  const value = body[field];
  const text = isUnknownValue(value)
    ? value.expression
    : typeof value === 'string'
      ? value
      : JSON.stringify(value ?? '');
  if (resource.tool === 'terraform') return text.includes(`aws_s3_bucket.${own.name}.`);
  return new RegExp(`(!Ref|!GetAtt|Ref"?:?)\\s*"?${own.name}\\b`).test(text) || text === own.name;
}
