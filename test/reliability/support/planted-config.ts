import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The worked CloudFormation example (one template under `templates/`). */
export const CLOUDFORMATION_EXAMPLE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'examples',
  'cloudformation',
  's3-secure-bucket',
);

/** Copies the CloudFormation example into `root`. */
export function copyCloudFormationExample(root: string): void {
  cpSync(CLOUDFORMATION_EXAMPLE, root, { recursive: true });
}

/**
 * Plants a `.cfnlintrc` whose `append_rules` names `rules/`, holding Python that writes `marker`
 * when cfn-lint loads it (re-planting with another marker replaces the rule).
 */
export function plantAppendRules(root: string, marker: string): void {
  mkdirSync(join(root, 'rules'), { recursive: true });
  writeFileSync(join(root, 'rules', 'planted.py'), `open(${JSON.stringify(marker)}, "w").write("ran")\n`);
  writeFileSync(join(root, '.cfnlintrc'), 'append_rules:\n  - rules\n');
}
