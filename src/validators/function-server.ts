import { connect } from 'node:net';
import { execa, type ResultPromise } from 'execa';
import { childEnvironment } from '../secrets/child-environment.js';
import { findFreePort } from './free-port.js';

/** A composition function running locally as a Development-runtime function. */
export interface RunningFunction {
  /** `127.0.0.1:<port>`, for the `render.crossplane.io/runtime-development-target` annotation. */
  target: string;
  /** What the function printed so far (for error reports). */
  output: () => string;
  stop: () => Promise<void>;
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolveConnect) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveConnect(true);
    });
    socket.once('error', () => resolveConnect(false));
  });

const pause = (milliseconds: number): Promise<void> =>
  new Promise((resolvePause) => setTimeout(resolvePause, milliseconds));

/**
 * Starts a function binary with `--insecure --address 127.0.0.1:<free port>` and waits until it
 * accepts connections. The caller must call stop(), which ends it (SIGTERM, then SIGKILL).
 */
export async function startFunction(
  binary: string,
  variables: Record<string, string | undefined>,
  readyWithinMs = 30_000,
): Promise<RunningFunction> {
  const port = await findFreePort();
  const target = `127.0.0.1:${port}`;
  let output = '';
  const child: ResultPromise = execa(binary, ['--insecure', '--address', target], {
    env: childEnvironment(variables),
    extendEnv: false,
    reject: false,
    forceKillAfterDelay: 3_000,
    buffer: false,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  void child.then(() => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    await child;
  };
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await canConnect(port)) return { target, output: () => output, stop };
    await pause(100);
  }
  await stop();
  throw new Error(
    `${binary} did not listen on ${target} within ${readyWithinMs / 1000}s${exited ? ' (it exited)' : ''}:\n${output.trim()}`,
  );
}
