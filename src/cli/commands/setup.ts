import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import type { SetupFlags } from '../setup-flow.js';
import { addSetupOptions } from '../setup-options.js';

/** `infrakit setup`: the interview that writes context.md and tagging-standard.md. */
export const setupCommand: CommandDefinition = (program: Command) => {
  const command = addSetupOptions(
    program
      .command('setup')
      .description(
        'interview (about a dozen questions) that rewrites .infrakit/context.md and tagging-standard.md',
      ),
  ).action(action(runSetup));
  withExamples(command, 'infrakit setup', 'infrakit setup --answers answers.yaml --yes');
};

async function runSetup(io: CliIO, flags: SetupFlags): Promise<number> {
  const [{ runSetupFlow }, { SetupAnswersSchema }, { contextQuestions }, { planContextChanges }] =
    await Promise.all([
      import('../setup-flow.js'),
      import('../../setup/answers-schema.js'),
      import('../../setup/context-questions.js'),
      import('../../setup/plan-changes.js'),
    ]);
  return runSetupFlow(io, flags, {
    command: 'setup',
    schema: SetupAnswersSchema,
    questions: (base, answers) =>
      contextQuestions({ context: base.context.value, tagging: base.tagging.value }, answers, base.iac),
    plan: planContextChanges,
    commitMessage: 'infrakit setup: update project context and tagging standard',
  });
}
