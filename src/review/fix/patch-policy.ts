import { isMap, isScalar, visit, type Document } from 'yaml';

/** The 1-based line of an offset in a text. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * Sets `policy.fromFieldPath: Required` on the patch maps that start on `lines` (Composition
 * patch-and-transform patches), so Crossplane fails the composite instead of skipping the patch when
 * its parameter is unset. `documents[i]` was parsed from `parts[i]`, the text split at `---`.
 * Returns why a patch could not be changed, or undefined when all were.
 */
export function requirePatchPolicy(
  documents: Document[],
  parts: string[],
  lines: number[],
): string | undefined {
  const wanted = new Set(lines);
  let done = 0;
  let reason: string | undefined;
  documents.forEach((document, index) => {
    const part = parts[index] ?? '';
    const firstLine = parts.slice(0, index).join('').split('\n').length;
    visit(document, {
      Map(_key, node) {
        const start = node.range?.[0];
        if (start === undefined || !node.has('type')) return;
        const line = firstLine + lineAt(part, start) - 1;
        if (!wanted.has(line)) return;
        const type = node.get('type');
        if (type === 'PatchSet') {
          reason = `the patch on line ${line} comes from a PatchSet; set the policy in the set`;
          return;
        }
        const policy = node.get('policy', true);
        if (isMap(policy)) policy.set('fromFieldPath', 'Required');
        else if (policy === undefined || (isScalar(policy) && policy.value === null))
          node.set('policy', document.createNode({ fromFieldPath: 'Required' }));
        else {
          reason = `the patch on line ${line} has a policy that is not a map`;
          return;
        }
        done += 1;
      },
    });
  });
  if (reason) return reason;
  return done === wanted.size ? undefined : 'the patch was not found at its line';
}
