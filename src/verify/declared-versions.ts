// The three functions alone: semver's index loads its ~40 modules (ranges, subset...) on every verify.
import coerce from 'semver/functions/coerce.js';
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import type { Resource, ToolSettings } from '../iac/resource-model.js';
import type { CheckedAgainst } from './verify-resource.js';

/** A version the code says it depends on: a `crossplane.yaml` `dependsOn` entry, its `spec.crossplane.version`, or a Terraform `required_providers` entry. */
export interface DeclaredVersion {
  /** e.g. `xpkg.upbound.io/upbound/provider-aws-s3`, `crossplane`, `hashicorp/aws`. */
  name: string;
  constraint: string;
  file: string;
  line: number;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Whether a resource is Crossplane package metadata (`crossplane.yaml`), never applied to a cluster. */
export const isPackageMetadata = (resource: Resource): boolean =>
  (resource.apiVersion ?? '').startsWith('meta.pkg.crossplane.io/');

/** The versions declared by the Crossplane package metadata and Terraform settings among the parsed input. */
export function declaredVersions(resources: Resource[], settings?: ToolSettings): DeclaredVersion[] {
  const declared: DeclaredVersion[] = [];
  for (const resource of resources.filter(isPackageMetadata)) {
    const spec = asRecord(resource.body.spec);
    const file = resource.location.file;
    const crossplane = asRecord(spec.crossplane).version;
    if (typeof crossplane === 'string')
      declared.push({
        name: 'crossplane',
        constraint: crossplane,
        file,
        line: resource.fieldLines?.['spec.crossplane.version'] ?? resource.location.line,
      });
    const dependencies = Array.isArray(spec.dependsOn) ? spec.dependsOn : [];
    dependencies.forEach((raw, index) => {
      const dependency = asRecord(raw);
      const name = [
        dependency.provider,
        dependency.configuration,
        dependency.function,
        dependency.package,
      ].find((value): value is string => typeof value === 'string');
      if (name && typeof dependency.version === 'string')
        declared.push({
          name,
          constraint: dependency.version,
          file,
          line: resource.fieldLines?.[`spec.dependsOn[${index}].version`] ?? resource.location.line,
        });
    });
  }
  const terraform = settings?.terraform;
  for (const [local, provider] of Object.entries(terraform?.requiredProviders ?? {}))
    if (provider.version)
      declared.push({
        name: provider.source ?? local,
        constraint: provider.version,
        file: terraform!.location.file,
        line: provider.line ?? terraform!.location.line,
      });
  return declared;
}

/** `xpkg.upbound.io/upbound/provider-aws-s3`, `provider-upjet-aws` and Terraform's `hashicorp/aws` are one family: `provider-aws`. */
export function packageFamily(name: string): string {
  const last = name
    .split('/')
    .pop()!
    .replace(/[:@].*$/, '')
    .toLowerCase();
  const provider = last.match(/^(?:terraform-)?provider-(?:upjet-)?([a-z0-9]+)/);
  if (provider) return `provider-${provider[1]}`;
  if (last === 'crossplane') return 'crossplane';
  // a Terraform source (`hashicorp/aws`) or local name (`aws`)
  return /^[a-z0-9]+$/.test(last) ? `provider-${last}` : last;
}

/** A semver range from a Crossplane constraint (`>=v1.14.0`, `v2.6.0`) or a Terraform one (`~> 5.0`, `>= 4, < 6`). */
export function semverRange(constraint: string): string | undefined {
  const parts = constraint
    .split(',')
    .map((part) => part.trim().replace(/\bv(?=\d)/g, ''))
    .map((part) => {
      const pessimistic = part.match(/^~>\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
      if (!pessimistic) return part;
      const [, major, minor, patch] = pessimistic;
      if (patch !== undefined) return `>=${major}.${minor}.${patch} <${major}.${Number(minor) + 1}.0`;
      if (minor !== undefined) return `>=${major}.${minor}.0 <${Number(major) + 1}.0.0`;
      return `>=${major}.0.0`;
    });
  const range = validRange(parts.join(' '), { loose: true });
  return range ?? undefined;
}

/** A declared version that the checked schema's version does not satisfy. */
export interface VersionMismatch {
  declared: DeclaredVersion;
  checkedName: string;
  checkedVersion: string;
}

/** Each declared dependency whose family was checked against a schema of a version outside its constraint (once per pair). */
export function versionMismatches(declared: DeclaredVersion[], checked: CheckedAgainst[]): VersionMismatch[] {
  const mismatches: VersionMismatch[] = [];
  const seen = new Set<string>();
  for (const against of checked) {
    const { name, version } = against.source;
    const coerced = coerce(version);
    if (!coerced) continue;
    for (const declaration of declared) {
      if (packageFamily(declaration.name) !== packageFamily(name)) continue;
      const range = semverRange(declaration.constraint);
      if (!range || satisfies(coerced, range, { includePrerelease: true })) continue;
      const key = `${declaration.name}\u0000${declaration.constraint}\u0000${name}\u0000${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      mismatches.push({ declared: declaration, checkedName: name, checkedVersion: version });
    }
  }
  return mismatches;
}
