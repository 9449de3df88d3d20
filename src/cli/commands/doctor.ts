import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

/** `infrakit doctor`: is this machine and project ready for the configured IaC tool? */
export const doctorCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('doctor')
    .description('check Node.js, git, the constraint files, model keys and the validators the IaC tool needs')
    .action(action(runDoctorCommand));
  withExamples(command, 'infrakit doctor', 'infrakit doctor --json');
  command.addHelpText(
    'after',
    '\nExit codes: 0 ready, 3 constraint files invalid, 5 blocked (something the IaC tool needs is missing).\n',
  );
};

async function runDoctorCommand(io: CliIO): Promise<number> {
  const [{ runDoctor }, { systemDoctorDeps }, { findProjectRoot }, { renderDoctorReport }] =
    await Promise.all([
      import('../../doctor/run-doctor.js'),
      import('../../doctor/system-deps.js'),
      import('../../project/project-root.js'),
      import('../doctor-view.js'),
    ]);
  const projectRoot = await findProjectRoot(io.cwd);
  const report = await runDoctor(systemDoctorDeps(projectRoot, io.env, process.versions.node));
  io.result(report, renderDoctorReport(report, io.style));
  return report.exitCode;
}
