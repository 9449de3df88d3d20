import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { childEnvironment } from '../secrets/child-environment.js';
import { locateGit, trustedGitFolders } from './git-binary.js';

/**
 * Variables left out of git's environment: every `GIT_*` (a hook's GIT_DIR or GIT_INDEX_FILE would
 * point git elsewhere), and the editor, pager and askpass programs. The same set simple-git strips.
 */
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/**
 * The environment of every git process infrakit starts: no model keys, no `GIT_*` redirection; with
 * `directory`, PATH without relative entries and folders inside it (what git runs from PATH, a
 * `.gitattributes` filter's `git-lfs`, is never the repository's own).
 */
export function gitEnvironment(directory?: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(childEnvironment(process.env)))
    if (value !== undefined && !GUARDED.test(name)) variables[name] = value;
  if (directory !== undefined && variables.PATH !== undefined)
    variables.PATH = trustedGitFolders(directory, variables.PATH).join(delimiter);
  return variables;
}

/** The git command of `args`, past any leading `-c name=value` options. */
function subcommand(args: string[]): string {
  let index = 0;
  while (args[index] === '-c') index += 2;
  return args[index] ?? '';
}

/** A git process that exited non-zero or was killed; `message` is what git printed. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/**
 * Runs `git <args>` in `cwd` and resolves with its standard output; rejects with a GitCommandError
 * (git's own words) when it exits non-zero or is killed by a signal. The program is the git
 * locateGit finds (never one inside the project), and git's own PATH, which it searches for filter
 * drivers (`git-lfs`) and helpers, has the same entries left out. Resolves as soon as the
 * process closes: simple-git waited a further 50 ms after every command that printed nothing
 * (`add`, `reset -q`, a `check-ignore` that matched nothing), which was most of a step commit's time.
 */
export async function runGit(cwd: string, args: string[]): Promise<string> {
  const git = await locateGit(cwd);
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, {
      cwd,
      env: gitEnvironment(cwd),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const output = Buffer.concat(stdout).toString('utf8');
      if (code === 0) return resolve(output);
      const said = (Buffer.concat(stderr).toString('utf8') || output).trim();
      const command = `git ${subcommand(args)}`;
      const message = signal
        ? `${command} was killed by ${signal}${said ? `: ${said}` : ''}`
        : said || `${command} exited with code ${code}`;
      reject(new GitCommandError(message, code, signal));
    });
  });
}
