import type { AgentFile, AgentWriter, ExistingFiles } from './agent-file.js';
import type { AgentName } from './agent-names.js';
import { claudeWriter } from './claude.js';
import { AGENT_MANIFEST, contentHash, manifestText, parseAgentManifest } from './agent-manifest.js';
import { commandFilePaths, KEPT, planCommandFiles, type PlannedAgentFile } from './command-files.js';
import { codexWriter } from './codex.js';
import { copilotWriter } from './copilot.js';
import { cursorWriter } from './cursor.js';
import { geminiWriter } from './gemini.js';
import { genericWriter } from './generic.js';
import { defaultLaunch, type ServerLaunch } from './server-launch.js';

const WRITERS: Record<AgentName, AgentWriter> = {
  claude: claudeWriter,
  codex: codexWriter,
  gemini: geminiWriter,
  copilot: copilotWriter,
  cursor: cursorWriter,
  generic: genericWriter,
};

/** Paths (relative to the project root) that `agentFiles` may write for this agent; read them first. */
export function agentFilePaths(agent: AgentName): string[] {
  return [...WRITERS[agent].paths, ...commandFilePaths(agent), AGENT_MANIFEST];
}

/**
 * What `init --ai <agent>` does with each of its files, given their current contents (keyed by
 * path, the manifest among them): the MCP registration and instruction file merged into what is
 * there, each command file written, updated or kept (command-files.ts), then the manifest with
 * the hash of every command file infrakit now stands behind.
 */
export function planAgentFiles(
  agent: AgentName,
  existing: ExistingFiles = {},
  launch: ServerLaunch = defaultLaunch(),
): PlannedAgentFile[] {
  const manifest = parseAgentManifest(existing[AGENT_MANIFEST]);
  const shared = WRITERS[agent].write(existing, launch).map((file): PlannedAgentFile => ({
    ...file,
    status:
      existing[file.path] === undefined
        ? 'written'
        : existing[file.path] === file.content
          ? 'unchanged'
          : 'merged',
  }));
  const commands = planCommandFiles(agent, existing, manifest.files);
  const files = { ...manifest.files };
  for (const file of commands) if (!KEPT.has(file.status)) files[file.path] = contentHash(file.content);
  const content = manifestText({ version: 1, files });
  const status =
    existing[AGENT_MANIFEST] === undefined
      ? 'written'
      : existing[AGENT_MANIFEST] === content
        ? 'unchanged'
        : 'updated';
  return [...shared, ...commands, { path: AGENT_MANIFEST, content, status }];
}

/** The files to write for `agent`: the plan without the files it keeps as they are. */
export function agentFiles(
  agent: AgentName,
  existing: ExistingFiles = {},
  launch: ServerLaunch = defaultLaunch(),
): AgentFile[] {
  return planAgentFiles(agent, existing, launch)
    .filter((file) => !KEPT.has(file.status))
    .map(({ path, content }) => ({ path, content }));
}
