import { redact } from '../secrets/redact.js';
import { jsonText, terminalText } from '../util/printable.js';
import { resolve } from 'node:path';

/** Everything a command needs to talk to the terminal. Only src/cli/ writes to the console. */
export interface CliIO {
  /** --json: machine-readable result on stdout, human text on stderr. */
  json: boolean;
  color: boolean;
  /** The project directory (--cwd, default process.cwd()). */
  cwd: string;
  /** True when stdin and stdout are terminals and prompts may be shown. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  /** Human text: stdout normally, stderr under --json. */
  say(text: string): void;
  /** Warnings and progress: always stderr. */
  warn(text: string): void;
  /** The command's result: JSON on stdout under --json, else the human rendering on stdout. */
  result(data: unknown, human?: string): void;
  style: Style;
}

export interface GlobalOptions {
  json?: boolean;
  color?: boolean;
  cwd?: string;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const code = (open: number, close: number) => (enabled: boolean) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
const bold = code(1, 22);
const dim = code(2, 22);
const red = code(31, 39);
const green = code(32, 39);
const yellow = code(33, 39);
const cyan = code(36, 39);

/** Terminal styling that collapses to plain text when colour is off. */
export function makeStyle(enabled: boolean): Style {
  return {
    bold: bold(enabled),
    dim: dim(enabled),
    red: red(enabled),
    green: green(enabled),
    yellow: yellow(enabled),
    cyan: cyan(enabled),
  };
}

/** Builds the IO object from the global flags and the process. */
export function createCliIO(options: GlobalOptions, processLike: NodeJS.Process = process): CliIO {
  const json = Boolean(options.json);
  const color =
    options.color !== false &&
    !('NO_COLOR' in processLike.env && processLike.env.NO_COLOR !== '') &&
    Boolean(processLike.stderr.isTTY);
  // The one sink of human output: secrets redacted, control characters escaped (names from a
  // model or a repository included), only infrakit's own colour codes kept.
  const write = (stream: NodeJS.WriteStream, raw: string, kind: 'human' | 'json' = 'human') => {
    const text = kind === 'json' ? jsonText(redact(raw)) : terminalText(redact(raw), { styles: color });
    return stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const writeOut = (raw: string) => write(processLike.stdout, raw);
  const writeErr = (raw: string) => write(processLike.stderr, raw);
  return {
    json,
    color,
    cwd: resolve(options.cwd ?? processLike.cwd()),
    // Read when a command asks: the first look at process.stdin opens it (a few milliseconds of
    // stream set-up that verify and review never need).
    get interactive() {
      return Boolean(processLike.stdout.isTTY && processLike.stdin.isTTY) && !processLike.env.CI;
    },
    env: processLike.env,
    say: (text) => (json ? writeErr(text) : writeOut(text)),
    warn: writeErr,
    result: (data, human) => {
      if (json) write(processLike.stdout, JSON.stringify(data, null, 2), 'json');
      else if (human !== undefined) writeOut(human);
    },
    style: makeStyle(color),
  };
}
