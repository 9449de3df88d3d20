import { join, resolve } from 'node:path';
import type { z } from 'zod';
import type { IacTool } from '../constraints/schema.js';
import { InterruptedError, UsageError } from '../errors/index.js';
import type { FileChange } from '../setup/plan-changes.js';
import type { Question } from '../setup/question.js';
import type { SetupBase } from '../setup/setup-base.js';
import type { CliIO } from './io.js';

/** The flags shared by `setup` and `setup-coding-style`. */
export interface SetupFlags {
  answers?: string;
  yes?: boolean;
  dryRun?: boolean;
  iac?: IacTool;
}

/** What differs between the two setup commands. */
export interface SetupSpec<Answers> {
  command: 'setup' | 'setup-coding-style';
  schema: z.ZodType<Answers>;
  questions(base: SetupBase, answers: Answers): Array<Question<Answers>>;
  plan(base: SetupBase, answers: Answers, answersLabel: string): FileChange[];
  commitMessage: string;
}

/** Loads, interviews (or reads --answers), shows the diff, confirms, writes atomically and commits. */
export async function runSetupFlow<Answers>(
  io: CliIO,
  flags: SetupFlags,
  spec: SetupSpec<Answers>,
): Promise<number> {
  if (!flags.answers && !io.interactive) {
    throw new UsageError(`infrakit ${spec.command} asks its questions in a terminal, and none is attached`, {
      hint: `Pass --answers <file.yaml> to run without one (keys: docs/commands/${spec.command}.md).`,
    });
  }
  const [
    { findProjectRoot },
    { readSetupBase },
    { readAnswersFile },
    { writeChanges },
    { packageRoot },
    view,
    interview,
    progress,
  ] = await Promise.all([
    import('../project/project-root.js'),
    import('../setup/setup-base.js'),
    import('../setup/read-answers.js'),
    import('../setup/write-changes.js'),
    import('../util/package-root.js'),
    import('./setup-view.js'),
    import('./interview.js'),
    import('../setup/setup-progress.js'),
  ]);
  const root = await findProjectRoot(io.cwd);
  if (!root) {
    throw new UsageError(`${io.cwd} is not inside an infrakit project (no .infrakit/ here or above)`, {
      hint: 'Run "infrakit init <dir> --iac crossplane|terraform|cloudformation" first, or pass --cwd <project>.',
    });
  }
  const base = await readSetupBase(root, resolve(packageRoot(), 'templates'), flags.iac);
  for (const file of [base.context, base.codingStyle, base.tagging]) {
    if (file.replaced)
      io.warn(`${file.path} is invalid (${file.replaced}); starting it again from the template.`);
    if (file.repaired)
      io.warn(
        `${file.path} is invalid (${file.repaired.problems}); every value that still parses is kept, and the diff before writing shows the repair:\n  ${file.repaired.changes.join('\n  ')}`,
      );
  }
  let answers: Answers;
  const saved = flags.answers ? [] : await progress.readSetupProgress(root, spec.command);
  const given: Array<{ id: string; value: unknown }> = [];
  if (saved.length)
    io.warn(
      `Starting from the ${saved.length} answer(s) kept when the last "infrakit ${spec.command}" stopped before writing (delete ${progress.SETUP_PROGRESS_FILE} to start over).`,
    );
  try {
    answers = flags.answers
      ? await readAnswersFile(resolve(io.cwd, flags.answers), flags.answers, spec.schema)
      : await progress.runInterviewKeepingAnswers(
          {} as Answers,
          (so) => spec.questions(base, so),
          interview.askInTerminal,
          saved,
          given,
        );
    const changes = spec.plan(base, answers, flags.answers ?? 'your answers');
    if (changes.length === 0) {
      io.result({ root, changed: [], commit: null }, 'Nothing to change: the files already say that.');
      return 0;
    }
    io.say(view.renderChanges(changes, io.style));
    if (flags.dryRun) {
      io.result(
        { root, changed: changes.map((entry) => entry.path), written: false },
        io.style.dim('--dry-run: nothing written.'),
      );
      return 0;
    }
    if (io.interactive && !flags.yes && !(await interview.confirmInTerminal('Write these changes?'))) {
      // "No" writes nothing but keeps the answers, so the next run starts from them.
      if (given.length) await progress.saveSetupProgress(root, spec.command, given);
      io.result(
        { root, changed: [], written: false, kept: given.length },
        given.length
          ? `Nothing written. Your ${given.length} answer(s) are kept in ${progress.SETUP_PROGRESS_FILE}: "infrakit ${spec.command}" starts from them (delete the file to start over).`
          : 'Nothing written.',
      );
      return 0;
    }
    const written = await writeChanges(root, changes, spec.commitMessage);
    await progress.clearSetupProgress(root);
    io.result(
      { root, changed: written.files, written: true, commit: written.commit ?? null },
      view.renderWritten(written, io.style),
    );
    return 0;
  } catch (error) {
    if (!interview.isPromptCancelled(error)) throw error;
    if (given.length) await progress.saveSetupProgress(root, spec.command, given);
    throw new InterruptedError(`infrakit ${spec.command} stopped before writing anything`, {
      kept: given.length
        ? `your ${given.length} answer(s), in ${join(root, progress.SETUP_PROGRESS_FILE)}; the constraint files are unchanged`
        : 'nothing to keep (no question was answered); the constraint files are unchanged',
      resume: `infrakit ${spec.command}${flags.iac ? ` --iac ${flags.iac}` : ''}`,
    });
  }
}
