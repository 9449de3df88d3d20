import type { IacTool } from '../../constraints/schema.js';
import type { PackEntry } from '../pack.js';

/** A part of the schema store a project of one IaC tool needs before verify can check its output. */
export type SchemaRole = 'crossplane-core' | 'crossplane-aws' | 'terraform-aws';

/** What each role is, for messages. */
export const ROLE_LABEL: Record<SchemaRole, string> = {
  'crossplane-core': "Crossplane's core kinds (Composition, CompositeResourceDefinition, Function)",
  'crossplane-aws': 'AWS provider CRDs (provider-upjet-aws)',
  'terraform-aws': 'Terraform AWS provider schema',
};

/** The Crossplane release whose `cluster/crds` folder holds the core CRDs (Composition, XRD, Function, ...). */
export const CROSSPLANE_RELEASE = 'v2.3.4';
/** The provider-upjet-aws release whose `package/crds` folder holds the AWS provider's CRDs. */
export const PROVIDER_AWS_RELEASE = 'v2.6.0';

/**
 * The command that imports a missing role, pasteable as it is (no placeholder): Crossplane's own
 * CRDs and the AWS provider's cannot ship with infrakit, so they are fetched from their release.
 */
export const ROLE_FIX: Record<SchemaRole, string> = {
  'crossplane-core': `git clone --depth 1 --branch ${CROSSPLANE_RELEASE} https://github.com/crossplane/crossplane.git crossplane-${CROSSPLANE_RELEASE} && infrakit schemas import crossplane-${CROSSPLANE_RELEASE}/cluster/crds`,
  'crossplane-aws': `git clone --depth 1 --branch ${PROVIDER_AWS_RELEASE} https://github.com/crossplane-contrib/provider-upjet-aws.git provider-upjet-aws-${PROVIDER_AWS_RELEASE} && infrakit schemas import provider-upjet-aws-${PROVIDER_AWS_RELEASE}/package/crds`,
  'terraform-aws': 'tofu providers schema -json > aws-schema.json && infrakit schemas import aws-schema.json',
};

/** The other ways to get a Crossplane role, said after the command as a shell comment. */
const CROSSPLANE_ALTERNATIVES =
  'or, on a cluster: kubectl get crd -o yaml > cluster-crds.yaml && infrakit schemas import cluster-crds.yaml; or set INFRAKIT_CRDS to a folder of CRDs before infrakit init';

/**
 * The one line that imports every missing role: the commands joined by `&&`, then the other ways
 * as a `#` comment, so that pasting the whole line runs exactly the commands.
 */
export const fixLine = (roles: readonly SchemaRole[]): string => {
  if (roles.length === 0) return '';
  const commands = roles.map((role) => ROLE_FIX[role]).join(' && ');
  return roles.some((role) => role.startsWith('crossplane-'))
    ? `${commands}   # ${CROSSPLANE_ALTERNATIVES}`
    : commands;
};

const AWS_PROVIDER_GROUP = /(^|\.)aws(\.m)?\.upbound\.io$|(^|\.)aws\.crossplane\.io$/;

/** The roles a project of this tool needs (CloudFormation's specification ships with infrakit). */
export function rolesFor(iac: IacTool): SchemaRole[] {
  if (iac === 'crossplane') return ['crossplane-core', 'crossplane-aws'];
  if (iac === 'terraform') return ['terraform-aws'];
  return [];
}

/** Whether one pack entry gives the store that role. */
export function entryCovers(role: SchemaRole, entry: Pick<PackEntry, 'group' | 'key' | 'tool'>): boolean {
  if (role === 'crossplane-core') return entry.group === 'apiextensions.crossplane.io';
  if (role === 'crossplane-aws') return AWS_PROVIDER_GROUP.test(entry.group);
  return entry.tool === 'terraform' && entry.key.startsWith('aws_');
}

/** The roles among `wanted` that these entries cover. */
export function coveredRoles(
  wanted: readonly SchemaRole[],
  entries: ReadonlyArray<Pick<PackEntry, 'group' | 'key' | 'tool'>>,
): SchemaRole[] {
  return wanted.filter((role) => entries.some((entry) => entryCovers(role, entry)));
}
