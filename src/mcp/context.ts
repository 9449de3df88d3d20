import type { McpBackends } from './backends.js';

/** What every tool handler may use. Everything that touches the world is in here, injected. */
export interface McpContext {
  /** Absolute, real path of the project the server answers for. */
  projectRoot: string;
  backends: McpBackends;
  /** Diagnostics: stderr in the CLI. stdout belongs to the protocol. */
  log(line: string): void;
}
