import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

/** `infrakit status [<track>]`: state, history, findings, tokens and cost; with no track, every track plus the constraints. */
export const statusCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('status')
    .description(
      'show tracks: state, history, review findings, gate results, tokens and cost; and a constraints summary',
    )
    .argument('[track]', 'a track id or name; all tracks when omitted')
    .action(action(runStatus));
  withExamples(command, 'infrakit status', 'infrakit status cassandra-keyspace --json');
};

async function runStatus(io: CliIO, _options: object, track?: string): Promise<number> {
  // Only what status needs: no git, SDK or prompt modules, so the command starts fast.
  const [{ requireProjectRoot }, status, view] = await Promise.all([
    import('../../project/project-root.js'),
    import('../../pipeline/status.js'),
    import('../status-view.js'),
  ]);
  const projectRoot = await requireProjectRoot(io.cwd);
  const constraints = await status.summarizeConstraints(projectRoot);
  if (track) {
    const one = await status.trackStatus(projectRoot, track);
    io.result({ track: one, constraints }, view.renderTrackStatus(one, io.style));
    return constraints.ok ? 0 : 3;
  }
  const tracks = await status.allTrackStatuses(projectRoot);
  io.result({ tracks, constraints }, view.renderOverview(tracks, constraints, io.style));
  // The overview is still shown; the exit code says the constraints are broken (docs/exit-codes.md).
  return constraints.ok ? 0 : 3;
}
