import { isUnknownValue } from '../iac/resource-model.js';
import type { RuleContext } from './rule.js';
import type { ResourceView } from './resource-view.js';
import { asRecord } from './values.js';

/**
 * The resources of `kind` that configure this bucket (Terraform and upjet split S3 settings into
 * separate resources). One belongs to the bucket when it names it (reference, bucketRef or
 * literal name), or when the source holds exactly one bucket.
 */
export function companionsOf(view: ResourceView, context: RuleContext, kind: string): ResourceView[] {
  const candidates = context.views.filter(
    (other) => other.entry?.kind === kind && other.resource.tool === view.resource.tool,
  );
  const buckets = context.views.filter((other) => other.entry?.kind === view.entry?.kind);
  const name = view.resource.name;
  return candidates.filter((candidate) => {
    const target = candidate.arguments.bucket;
    if (isUnknownValue(target))
      return target.expression.includes(`.${name}.`) || target.reference?.name.includes(name) === true;
    const reference = asRecord(candidate.arguments.bucketRef);
    if (reference && typeof reference.name === 'string')
      return reference.name === name || buckets.length === 1;
    if (typeof target === 'string') return target === name || buckets.length === 1;
    return buckets.length === 1;
  });
}
