import type { ParsedSource } from '../iac/resource-model.js';
import type { Baseline } from './baseline.js';
import type { ChangePlan, Edit } from './change-schemas.js';
import { normalizeKey } from './resource-spans.js';

const TERRAFORM_BLOCKS = /^(locals|terraform|output\.[\w-]+|provider\.[\w-]+)$/;

/** A reason to block when the plan names a resource the code does not have; undefined when every name is known. */
export function checkPlanAgainstBaseline(
  plan: ChangePlan,
  baseline: Baseline,
  parsed: ParsedSource,
): string | undefined {
  const known = new Set([
    ...baseline.resources.map((resource) => normalizeKey(resource.key)),
    ...parsed.inputs.map((input) => normalizeKey(input.name)),
  ]);
  const unknown = plan.changes.filter(
    (change) =>
      !known.has(normalizeKey(change.resource)) &&
      !(parsed.tool === 'terraform' && TERRAFORM_BLOCKS.test(change.resource)),
  );
  if (!unknown.length) return undefined;
  return `the plan names resources the code does not have: ${unknown.map((change) => change.resource).join(', ')} (an update changes existing resources; known: ${[...known].slice(0, 20).join(', ')})`;
}

/** A reason to block when an edit touches a resource the plan does not name. */
export function checkEditsAgainstPlan(edits: Edit[], plan: ChangePlan): string | undefined {
  const planned = new Set(plan.changes.map((change) => normalizeKey(change.resource)));
  const outside = edits.filter((edit) => !planned.has(normalizeKey(edit.resource)));
  if (!outside.length) return undefined;
  return `the edits touch resources the plan does not name: ${[...new Set(outside.map((edit) => edit.resource))].join(', ')}`;
}
