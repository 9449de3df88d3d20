import { Console } from 'node:console';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { join } from 'node:path';

/**
 * Runs the CLI's `main(argv)` (src/cli/run-program.ts, as built in dist/) inside the test's worker instead of spawning
 * `node dist/src/cli/bin.cjs`: the same commands, output and exit code, without a Node start-up and
 * a module load per run. For the tests that are about a command's output, not about the process
 * (signals, a terminal, the bin itself: those still spawn).
 *
 * What a command reads from the process is set for the run and put back afterwards: the working
 * folder, the environment (the real one, which child processes, os.tmpdir() and os.homedir() read),
 * argv, stdin (not a terminal, `input` then end of file), stdout and stderr (captured, not
 * terminals), the console and process.exitCode. The working folder and the environment belong to
 * the whole process, so runs in one worker take turns: a second run waits for the first to end.
 * No path of main() calls process.exit (only the bin's own handlers do, src/cli/run-program.ts
 * runAsBin); vitest turns one into a test error rather than the end of the worker.
 */
export interface InProcessOptions {
  cwd: string;
  /** The environment of the run: the worker's own plus these, or only these with `extendEnv: false`. */
  env?: NodeJS.ProcessEnv;
  extendEnv?: boolean;
  /** What the command reads on stdin (nothing by default, as execa's `input: ''`). */
  input?: string;
}

export interface InProcessResult {
  exitCode: number;
  /** As the command wrote it, every byte. */
  stdout: string;
  stderr: string;
}

/** The bin's path, as argv[1] of a spawned CLI: the program name commander shows. */
const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'bin.cjs');

/**
 * tsc's build of run-program.ts (`npm run build`), the same modules the bundled bin is made from. It
 * is loaded by Node itself (vitest.config.ts leaves dist/ to Node), once per worker: no vitest
 * transform of the CLI's modules, and no module a test file replaces with vi.mock reaches the CLI,
 * as none reached the spawned one.
 */
const RUN_PROGRAM = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'run-program.js');

async function loadMain(): Promise<{ main: (argv: string[]) => Promise<number> }> {
  if (!existsSync(RUN_PROGRAM)) throw new Error(`${RUN_PROGRAM} is missing: run "npm run build" first`);
  return (await import(pathToFileURL(RUN_PROGRAM).href)) as { main: (argv: string[]) => Promise<number> };
}

let turn: Promise<unknown> = Promise.resolve();

/** Runs `infrakit ...args` in-process after any run already in progress in this worker. */
export function runCliInProcess(
  args: readonly string[],
  options: InProcessOptions,
): Promise<InProcessResult> {
  const run = turn.then(() => runNow(args, options));
  turn = run.catch(() => undefined);
  return run;
}

class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  /** Not a terminal, as a pipe to a parent process is not. */
  readonly isTTY = undefined;
  readonly columns = undefined;

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

type Stream = 'stdin' | 'stdout' | 'stderr';

function replaceStream(name: Stream, stream: Readable | Writable): () => void {
  const original = Object.getOwnPropertyDescriptor(process, name);
  if (!original?.configurable) throw new Error(`process.${name} cannot be replaced in this Node`);
  Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => stream });
  return () => Object.defineProperty(process, name, original);
}

/** Makes the real environment exactly `wanted`; returns what puts the previous one back. */
function replaceEnvironment(wanted: NodeJS.ProcessEnv): () => void {
  const saved = { ...process.env };
  const assign = (values: NodeJS.ProcessEnv) => {
    for (const name of Object.keys(process.env)) if (!(name in values)) delete process.env[name];
    for (const [name, value] of Object.entries(values)) if (value !== undefined) process.env[name] = value;
  };
  assign(wanted);
  return () => assign(saved);
}

async function runNow(args: readonly string[], options: InProcessOptions): Promise<InProcessResult> {
  // Loaded on first use: a file that only spawns does not load the CLI into its worker.
  const { main } = await loadMain();
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Readable.from(options.input ? [Buffer.from(options.input)] : []);
  const argv = [process.execPath, BIN, ...args];
  const restore: Array<() => void> = [];
  const savedCwd = process.cwd();
  const savedArgv = process.argv;
  const savedExitCode = process.exitCode;
  const savedConsole = globalThis.console;
  try {
    restore.push(replaceEnvironment({ ...(options.extendEnv === false ? {} : process.env), ...options.env }));
    process.chdir(options.cwd);
    restore.push(() => process.chdir(savedCwd));
    process.argv = argv;
    restore.push(() => (process.argv = savedArgv));
    process.exitCode = undefined;
    restore.push(() => (process.exitCode = savedExitCode));
    restore.push(
      replaceStream('stdin', stdin),
      replaceStream('stdout', stdout),
      replaceStream('stderr', stderr),
    );
    globalThis.console = new Console({ stdout, stderr });
    restore.push(() => (globalThis.console = savedConsole));
    const exitCode = await main(argv);
    // What a command left on the event loop (a last write) runs before the process is put back.
    await new Promise((resolve) => setImmediate(resolve));
    return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** execa's default: one final newline (and a carriage return before it) dropped from an output. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
