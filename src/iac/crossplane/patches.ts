/**
 * What patch-and-transform patches write into a composed resource
 * (https://docs.crossplane.io/latest/guides/function-patch-and-transform/): the target field, the
 * composite fields it reads, and whether Crossplane skips it when those are unset.
 */

/** One field a patch writes into the composed resource. */
export interface PatchTarget {
  /** The composed resource's field, e.g. `spec.forProvider.tags["crossplane.io/claim-name"]`. */
  path: string;
  line: number;
  /** The patch type, e.g. FromCompositeFieldPath, CombineFromComposite. */
  type: string;
  /** The composite (or environment) fields it reads. */
  sources: string[];
  /**
   * True unless `policy.fromFieldPath: Required`: Crossplane skips an Optional patch when a source
   * field is unset (a combine patch when any of its variables is), leaving the target unset.
   */
  optional: boolean;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Patch types that write the composite or the environment, not the composed resource. */
const WRITES_ELSEWHERE = new Set([
  'ToCompositeFieldPath',
  'CombineToComposite',
  'ToEnvironmentFieldPath',
  'CombineToEnvironment',
]);

/** The named patch sets of a Composition (`spec.patchSets`) or of a function input (`patchSets`). */
export function patchSetsOf(container: Record<string, unknown>): Map<string, unknown[]> {
  const sets = new Map<string, unknown[]>();
  for (const rawSet of Array.isArray(container.patchSets) ? container.patchSets : []) {
    const set = asRecord(rawSet);
    if (typeof set.name === 'string' && Array.isArray(set.patches)) sets.set(set.name, set.patches);
  }
  return sets;
}

function sourcesOf(patch: Record<string, unknown>): string[] {
  if (typeof patch.fromFieldPath === 'string') return [patch.fromFieldPath];
  const variables = asRecord(patch.combine).variables;
  return (Array.isArray(variables) ? variables : [])
    .map((variable) => asRecord(variable).fromFieldPath)
    .filter((path): path is string => typeof path === 'string');
}

/**
 * The fields a resource's patches write, with `PatchSet` patches replaced by the set's patches
 * (one level, as Crossplane allows). `lineOf(index)` gives the line of the resource's patch at index.
 */
export function patchTargetsOf(
  patches: unknown[],
  patchSets: Map<string, unknown[]>,
  lineOf: (index: number) => number,
): PatchTarget[] {
  return patches.flatMap((rawPatch, index) => {
    const patch = asRecord(rawPatch);
    if (patch.type === 'PatchSet') {
      const set = typeof patch.patchSetName === 'string' ? patchSets.get(patch.patchSetName) : undefined;
      return patchTargetsOf(set ?? [], new Map(), () => lineOf(index));
    }
    const type = typeof patch.type === 'string' ? patch.type : 'FromCompositeFieldPath';
    if (WRITES_ELSEWHERE.has(type)) return [];
    const path = patch.toFieldPath ?? (type === 'FromCompositeFieldPath' ? patch.fromFieldPath : undefined);
    if (typeof path !== 'string') return [];
    const optional = asRecord(patch.policy).fromFieldPath !== 'Required';
    return [{ path, line: lineOf(index), type, sources: sourcesOf(patch), optional }];
  });
}

/** The patch targets recorded on a resource by the Composition reader. */
export function recordedPatchTargets(meta: Record<string, unknown>): PatchTarget[] {
  return Array.isArray(meta.patchTargets) ? (meta.patchTargets as PatchTarget[]) : [];
}
