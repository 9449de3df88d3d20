import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IacTool } from '../constraints/schema.js';

/**
 * Provider schemas an eval project imports before it runs, found in `../shared/crds` beside the
 * infrakit checkout (CI clones it there): for Crossplane the upjet AWS CRDs and the Crossplane core
 * CRDs. Terraform and CloudFormation need none here (the CloudFormation spec ships with infrakit;
 * a Terraform provider schema must be imported by the user, so verify reports it unavailable).
 */
export function sharedSchemaSources(checkoutRoot: string, tool: IacTool): string[] {
  if (tool !== 'crossplane') return [];
  const shared = resolve(checkoutRoot, '..', 'shared', 'crds');
  if (!existsSync(shared)) return [];
  const names = readdirSync(shared).sort();
  const pick = (pattern: RegExp) =>
    names.filter((name) => pattern.test(name) && !name.endsWith('.tar.gz')).slice(-1);
  return [...pick(/^provider-upjet-aws-v/), ...pick(/^crossplane-v\d/)].map((name) => join(shared, name));
}
