/** The per-agent files `infrakit init --ai` writes. */
export { AGENT_DESCRIPTIONS, AGENT_LABELS, AGENT_NAMES, isAgentName, type AgentName } from './agent-names.js';
export type { AgentFile, ExistingFiles } from './agent-file.js';
export { agentFiles, agentFilePaths } from './agent-files.js';
export { agentChoicesText, missingAgentError, parseAgentOption } from './agent-option.js';
export { agentInitWriter } from './init-writer.js';
export { defaultLaunch, SERVER_NAME, type ServerLaunch } from './server-launch.js';
export { existingProjectRoot, refreshAgentFiles, type AgentRefresh } from './refresh-agent-files.js';
export type { AgentFileStatus } from './command-files.js';
