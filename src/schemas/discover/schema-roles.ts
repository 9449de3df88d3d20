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

/** The command that imports a missing role by hand. */
export const ROLE_FIX: Record<SchemaRole, string> = {
  'crossplane-core': 'infrakit schemas import <Crossplane core CRDs: a folder or .tar.gz>',
  'crossplane-aws': 'infrakit schemas import <provider-upjet-aws CRDs: a folder or .tar.gz>',
  'terraform-aws': 'tofu providers schema -json > aws-schema.json && infrakit schemas import aws-schema.json',
};

/** The one line that imports every missing role. */
export const fixLine = (roles: readonly SchemaRole[]): string =>
  roles.map((role) => ROLE_FIX[role]).join(' && ');

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
