import type { ServerLaunch } from './server-launch.js';

/** A file an agent writer wants written: a path relative to the project root and its full new content. */
export interface AgentFile {
  path: string;
  content: string;
}

/** Current contents of files a writer may merge into, keyed by relative path; absent files are missing. */
export type ExistingFiles = Readonly<Record<string, string | undefined>>;

/** What one agent needs: the files it reads and a pure function producing their new contents. */
export interface AgentWriter {
  /** Every path the writer may produce, so the caller can read them first. */
  paths: string[];
  write(existing: ExistingFiles, launch: ServerLaunch): AgentFile[];
}
