import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach } from 'vitest';
import { CLI_PATH, cliBuilt, notBuiltReason } from '../run-cli.js';

const HOST = resolve(import.meta.dirname, 'pty-host.py');

/** The repository root (replays/, examples/). */
export const REPO = resolve(import.meta.dirname, '..', '..', '..');

/** Why the pseudo-terminal tests cannot run here, or undefined when they can. */
export const ptySkipReason: string | undefined = (() => {
  if (!cliBuilt) return notBuiltReason;
  const probe = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return `no pseudo-terminal tool: python3 with the pty module is needed (${probe.error?.message ?? probe.stderr.trim()})`;
  return undefined;
})();

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  space: ' ',
  ctrlC: '\u0003',
} as const;

/** The screen as a person reads it: no colours, no cursor moves, no carriage returns. */
export const readable = (raw: string): string => stripVTControlCharacters(raw).replaceAll('\r', '');

/** The built CLI running in a pseudo-terminal. */
export interface Terminal {
  /** Everything shown so far, readable. */
  screen(): string;
  /** Waits until `text` appears after everything already waited for; fails with the screen on timeout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends keys as typed. */
  press(...keys: string[]): void;
  /** Resolves with the exit code once the command ends. */
  exited: Promise<number>;
  kill(): void;
}

/**
 * Starts `infrakit <args>` in a pseudo-terminal (rows × columns fixed) through pty-host.py. The
 * environment is exactly `env`: no CI variable, so the CLI sees an interactive terminal.
 */
export function openTerminal(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; rows?: number; columns?: number },
): Terminal {
  const child: ChildProcess = spawn(
    'python3',
    [HOST, String(options.rows ?? 40), String(options.columns ?? 120), process.execPath, CLI_PATH, ...args],
    { cwd: options.cwd, env: { TERM: 'xterm-256color', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let raw = '';
  let seen = 0;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    raw += chunk;
    changed();
  });
  let hostErrors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (hostErrors += chunk));
  let ended = false;
  const exited = new Promise<number>((resolveExit) => {
    child.on('close', (code, signal) => {
      ended = true;
      changed();
      resolveExit(code ?? (signal ? 128 : -1));
    });
  });
  const screen = () => readable(raw);
  return {
    screen,
    exited,
    press: (...keys) => {
      for (const key of keys) child.stdin?.write(key);
    },
    kill: () => child.kill('SIGKILL'),
    waitFor: (text, timeoutMs = 60_000) =>
      new Promise<void>((resolveWait, rejectWait) => {
        const check = () => {
          const rest = screen().slice(seen);
          const found =
            typeof text === 'string'
              ? ((index) => (index < 0 ? undefined : index + text.length))(rest.indexOf(text))
              : ((match) => (match ? match.index + match[0].length : undefined))(text.exec(rest));
          if (found !== undefined) {
            seen += found;
            done();
            resolveWait();
          } else if (ended) {
            done();
            rejectWait(failure(`the command ended before "${String(text)}" appeared`));
          }
        };
        const failure = (why: string) =>
          new Error(`${why}\n--- screen (readable) ---\n${screen()}\n--- pty host stderr ---\n${hostErrors}`);
        const timer = setTimeout(() => {
          done();
          rejectWait(failure(`"${String(text)}" did not appear within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
  };
}

/** A user's environment with its home in `home`: no user config, no colour, no CI variable. */
export const homeIn = (home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.no-config'),
  NO_COLOR: '1',
  ...extra,
});

/**
 * For one test file: every terminal opened is ended, every folder kept is removed and `cleanup`
 * runs, after each test.
 */
export function usePtySession(cleanup?: () => Promise<void>) {
  const folders: string[] = [];
  const terminals: Terminal[] = [];
  afterEach(async () => {
    for (const terminal of terminals.splice(0)) terminal.kill();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    await cleanup?.();
  });
  return {
    open(...parameters: Parameters<typeof openTerminal>): Terminal {
      const terminal = openTerminal(...parameters);
      terminals.push(terminal);
      return terminal;
    },
    /** Removes `folder` after the test; returns it. */
    keep(folder: string): string {
      folders.push(folder);
      return folder;
    },
  };
}
