import type { IacTool } from '../constraints/schema.js';

/**
 * What each IaC tool needs to earn "done": groups of alternatives, every group required.
 * Names are entries of tools/versions.json (plus `terraform`, accepted in place of `tofu`).
 */
export const REQUIRED_TOOLS: Readonly<Record<IacTool, ReadonlyArray<readonly string[]>>> = {
  crossplane: [['crank'], ['function-go-templating']],
  terraform: [['tofu', 'terraform']],
  cloudformation: [['cfn-lint']],
};

/** True when `name` is needed (alone or as an alternative) by the tool. */
export function isRequiredBy(iac: IacTool | undefined, name: string): boolean {
  return iac !== undefined && REQUIRED_TOOLS[iac].some((group) => group.includes(name));
}

/** The alternatives `name` belongs to for the tool, e.g. tofu -> [tofu, terraform]. */
export function alternativesOf(iac: IacTool | undefined, name: string): readonly string[] {
  return (iac && REQUIRED_TOOLS[iac].find((group) => group.includes(name))) ?? [name];
}
