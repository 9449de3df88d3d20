import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';

/** Set to run the suite with the Python validators exactly as installed (no version wrapper). */
export const REAL_TOOLS_VARIABLE = 'INFRAKIT_TEST_REAL_TOOLS';
/** Where the run's wrapper folder is announced (the test of this file reads it). */
export const WRAPPERS_VARIABLE = 'INFRAKIT_TEST_TOOL_WRAPPERS';

/** The Python validators: starting one costs 1-3 s of CPU, most of it spent to print its version. */
const PYTHON_VALIDATORS = ['cfn-lint', 'checkov'];

/** The first executable file named `name` in `path` (a PATH value). */
export function onPath(name: string, path: string): string | undefined {
  for (const directory of path.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The program a pyenv shim runs (`pyenv which <name>`), or `binary` itself when it is not a shim: a
 * shim is a bash script that starts a dozen processes to find the same program at every call.
 */
export function withoutShim(binary: string, name: string): string {
  const head = readFileSync(binary, { encoding: 'utf8', flag: 'r' }).slice(0, 2_000);
  const pyenv = /exec "([^"]+\/pyenv)" exec /.exec(head)?.[1];
  if (!pyenv) return binary;
  try {
    const target = execFileSync(pyenv, ['which', name], { encoding: 'utf8', cwd: tmpdir() }).trim();
    return target || binary;
  } catch {
    return binary;
  }
}

const shellQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Writes `<directory>/<name>`: a /bin/sh script that answers exactly `<name> --version` with what
 * `binary --version` printed (stdout, stderr and exit code, asked once, now) and runs `binary` for
 * every other command line, its arguments, input, output and exit code untouched. It starts no
 * other program (no PATH needed), so it works in the stripped environments validators run in.
 */
export async function writeVersionWrapper(directory: string, name: string, binary: string): Promise<string> {
  const version = await execa(binary, ['--version'], {
    reject: false,
    stripFinalNewline: false,
    timeout: 240_000,
  });
  if (version.exitCode === undefined)
    throw new Error(`${binary} --version did not finish: ${version.message}`);
  const wrapper = join(directory, name);
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `# test/support/validator-versions.global.ts: ${binary}, its --version as printed when the run began`,
      'if [ "$#" -eq 1 ] && [ "$1" = "--version" ]; then',
      `  printf '%s' ${shellQuoted(String(version.stdout))}`,
      `  printf '%s' ${shellQuoted(String(version.stderr))} >&2`,
      `  exit ${version.exitCode}`,
      'fi',
      `exec ${shellQuoted(binary)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/**
 * vitest globalSetup: the installed cfn-lint and checkov, each behind a wrapper that answers
 * `--version` from one real run at the start (InfraKit asks it before every validator run and in
 * every doctor; the answer cannot change during a run) and runs the real program, past any pyenv
 * shim, for everything else. The wrappers' folder goes first on PATH, which the workers, the CLI and
 * the validators inherit; tests that build their own PATH (fakes, an empty PATH) are untouched. The
 * folder sits beside the run's temporary root, not in it: InfraKit never takes a validator from a
 * folder of the project, and some tests use the temporary root's folders as projects.
 * INFRAKIT_TEST_REAL_TOOLS=1 leaves the PATH alone.
 */
export default async function setup(): Promise<() => void> {
  if (process.env[REAL_TOOLS_VARIABLE] || process.env[WRAPPERS_VARIABLE]) return () => undefined;
  const path = process.env.PATH ?? '';
  const installed = PYTHON_VALIDATORS.flatMap((name) => {
    const binary = onPath(name, path);
    return binary ? [{ name, binary: withoutShim(binary, name) }] : [];
  });
  if (installed.length === 0) return () => undefined;
  // Beside the run's root (temp-root.global.ts runs first and points TMPDIR into it).
  const root = process.env.INFRAKIT_TEST_TMP_ROOT;
  const directory = mkdtempSync(join(root ? dirname(root) : tmpdir(), 'infrakit-suite-tools-'));
  await Promise.all(
    installed.map(({ name, binary }) =>
      writeVersionWrapper(directory, name, binary).catch((error: unknown) => {
        // left out: the tests find the tool as installed, and say so
        console.warn(`${name} runs without a version wrapper: ${String(error)}`);
      }),
    ),
  );
  process.env.PATH = `${directory}${delimiter}${path}`;
  process.env[WRAPPERS_VARIABLE] = directory;
  return () => {
    process.env.PATH = path;
    delete process.env[WRAPPERS_VARIABLE];
    rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  };
}
