import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import type { SetupFlags } from '../setup-flow.js';
import { addSetupOptions } from '../setup-options.js';

/** `infrakit setup-coding-style`: the interview that rewrites coding-style.md. */
export const setupCodingStyleCommand: CommandDefinition = (program: Command) => {
  const command = addSetupOptions(
    program
      .command('setup-coding-style')
      .description(
        'interview about the engineering rules (pinning, layout, validator, backend) that rewrites .infrakit/coding-style.md',
      ),
  ).action(action(runSetupCodingStyle));
  withExamples(
    command,
    'infrakit setup-coding-style',
    'infrakit setup-coding-style --answers style.yaml --yes',
  );
};

async function runSetupCodingStyle(io: CliIO, flags: SetupFlags): Promise<number> {
  const [
    { runSetupFlow },
    { CodingStyleAnswersSchema },
    { codingStyleQuestions },
    { planCodingStyleChanges },
  ] = await Promise.all([
    import('../setup-flow.js'),
    import('../../setup/answers-schema.js'),
    import('../../setup/coding-style-questions.js'),
    import('../../setup/plan-changes.js'),
  ]);
  return runSetupFlow(io, flags, {
    command: 'setup-coding-style',
    schema: CodingStyleAnswersSchema,
    questions: (base, answers) => codingStyleQuestions(base.codingStyle.value, answers),
    plan: planCodingStyleChanges,
    commitMessage: 'infrakit setup-coding-style: update coding style',
  });
}
