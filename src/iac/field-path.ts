/**
 * Splits a field path the way Crossplane's fieldpath package does
 * (https://github.com/crossplane/crossplane-runtime/blob/main/pkg/fieldpath/fieldpath.go):
 * dots separate keys, `[N]` is a list index, and anything else in brackets is one map key, quoted
 * (`tags["crossplane.io/claim-name"]`, `['a.b']`) or not (`matchLabels[networks.aws.platform.upbound.io/network-id]`).
 */
export function fieldPathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*'([^']*)'\s*\]|\[([^\]]*)\]|([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    const [, doubleQuoted, singleQuoted, bare, plain] = match;
    if (doubleQuoted !== undefined) segments.push(doubleQuoted.replace(/\\(.)/g, '$1'));
    else if (singleQuoted !== undefined) segments.push(singleQuoted);
    else if (bare !== undefined) segments.push(/^\d+$/.test(bare.trim()) ? Number(bare.trim()) : bare);
    else if (plain !== undefined) segments.push(plain);
  }
  return segments;
}

/** True when `ancestor` is `path` itself or one of its parents (compared segment by segment). */
export function isSameOrAncestorPath(
  ancestor: Array<string | number>,
  path: Array<string | number>,
): boolean {
  return ancestor.length <= path.length && ancestor.every((segment, index) => segment === path[index]);
}
