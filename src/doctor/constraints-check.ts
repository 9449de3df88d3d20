import { checkConstraintFile, checkConstraints } from '../constraints/load.js';
import { findUnknownFields } from '../constraints/unknown-fields.js';
import { CONSTRAINT_FILES, CodingStyleSchema, type IacTool } from '../constraints/schema.js';
import type { DoctorCheck } from './check.js';

/** The constraint files' check, and the IaC tool they configure (read even when another file is broken). */
export async function checkProjectConstraints(
  projectRoot: string | undefined,
): Promise<{ check: DoctorCheck; iac?: IacTool }> {
  if (!projectRoot) {
    return {
      check: {
        id: 'constraints',
        title: 'constraints',
        status: 'warn',
        detail: 'not inside an infrakit project (no .infrakit/ here or above)',
        fix: 'infrakit init <dir> --iac crossplane|terraform|cloudformation',
        required: false,
      },
    };
  }
  const { constraints, problems } = await checkConstraints(projectRoot);
  if (constraints) {
    const { context, codingStyle, tagging } = constraints;
    const unknown = await findUnknownFields(projectRoot);
    return {
      iac: codingStyle.iac,
      check: {
        id: 'constraints',
        title: 'constraints',
        status: unknown.length ? 'warn' : 'ok',
        ...(unknown.length && {
          problems: unknown,
          fix: 'check the spelling of the fields above against docs/configuration.md; unknown fields are not enforced',
        }),
        detail: `${codingStyle.iac}, ${context.provider} ${context.region}, environments ${context.environments.map((environment) => environment.name).join('/')}, ${tagging.tags.length} mandatory tags`,
        required: true,
      },
    };
  }
  const codingStyle = await checkConstraintFile(projectRoot, CONSTRAINT_FILES.codingStyle, CodingStyleSchema);
  return {
    iac: codingStyle.ok ? codingStyle.value.iac : undefined,
    check: {
      id: 'constraints',
      title: 'constraints',
      status: 'error',
      detail: `${problems.length} problem${problems.length === 1 ? '' : 's'} in .infrakit/`,
      problems,
      fix: 'fix the fields named above, or run "infrakit setup" to rewrite the files',
      required: true,
    },
  };
}
