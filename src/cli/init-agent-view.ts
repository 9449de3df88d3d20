import type { AgentFileStatus, AgentName, AgentRefresh } from '../agents/index.js';
import { AGENT_LABELS } from '../agents/agent-names.js';
import type { CliIO } from './io.js';

const SAID: Record<AgentFileStatus, string> = {
  written: 'written',
  updated: "updated (infrakit's own, not edited since)",
  unchanged: 'unchanged',
  merged: "merged: infrakit's part replaced, the rest kept",
  edited: 'kept, edited by you',
  yours: 'kept, yours (infrakit did not write it)',
};

/** Prints what a re-run of `init --ai` did with each file, and how to take a kept file's new version. */
export function showAgentRefresh(io: CliIO, refresh: AgentRefresh, rerun: string): number {
  const width = Math.max(...refresh.files.map((file) => file.path.length));
  const kept = refresh.files.filter((file) => file.status === 'edited');
  const lines = [
    io.style.green(
      `Updated the ${AGENT_LABELS[refresh.agent as AgentName]} files (the project's constraints were not touched)`,
    ),
    ...refresh.files.map((file) => {
      const said = SAID[file.status];
      const shown =
        file.status === 'edited' || file.status === 'yours' ? io.style.yellow(said) : io.style.dim(said);
      return `  ${file.path.padEnd(width)}  ${shown}`;
    }),
    refresh.git
      ? `  git: ${refresh.git.commit ? `committed ${refresh.git.commit.slice(0, 7)}` : 'nothing new to commit'}`
      : '  git: not committed (--no-git, or not a git repository)',
    ...(kept.length
      ? [
          '',
          `To take infrakit's new version of a file you edited, delete it (or move it aside) and run "${rerun}" again.`,
        ]
      : []),
  ];
  io.result(refresh, lines.join('\n'));
  return 0;
}
