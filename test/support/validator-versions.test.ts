import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { registeredTempDir } from './temp-dirs.js';
import { onPath, WRAPPERS_VARIABLE, withoutShim, writeVersionWrapper } from './validator-versions.global.js';

/** A fake validator counting its starts: `--version` prints a version (with a quote), else args and input. */
function fakeTool(directory: string): { binary: string; starts: () => number } {
  const binary = join(directory, 'fake-lint');
  const counter = join(directory, 'starts');
  writeFileSync(counter, '');
  writeFileSync(
    binary,
    [
      '#!/bin/sh',
      `echo start >> '${counter}'`,
      `if [ "$#" -eq 1 ] && [ "$1" = "--version" ]; then echo "fake-lint 9.9.9 (it's real)"; echo "a warning" >&2; exit 0; fi`,
      'printf "args:"; for argument in "$@"; do printf " [%s]" "$argument"; done; echo',
      // builtins only: the wrapper is run with no PATH
      'IFS= read -r line; printf "input: %s\\n" "$line"',
      'exit 3',
      '',
    ].join('\n'),
  );
  chmodSync(binary, 0o755);
  return { binary, starts: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('the version wrapper of a Python validator', () => {
  it('answers --version as the tool did, without starting it again', async () => {
    const directory = registeredTempDir();
    const tool = fakeTool(directory);
    const wrapper = await writeVersionWrapper(registeredTempDir(), 'fake-lint', tool.binary);
    expect(tool.starts()).toBe(1);
    const direct = await execa(tool.binary, ['--version'], { reject: false, stripFinalNewline: false });
    for (const env of [process.env, {}]) {
      const wrapped = await execa(wrapper, ['--version'], {
        reject: false,
        stripFinalNewline: false,
        env,
        extendEnv: false,
      });
      expect([wrapped.stdout, wrapped.stderr, wrapped.exitCode]).toEqual([
        direct.stdout,
        direct.stderr,
        direct.exitCode,
      ]);
    }
    expect(tool.starts()).toBe(2);
  });

  it('runs the tool for every other command line, with its arguments, input and exit code', async () => {
    const tool = fakeTool(registeredTempDir());
    const wrapper = await writeVersionWrapper(registeredTempDir(), 'fake-lint', tool.binary);
    const run = await execa(wrapper, ['--version', 'two words', "it's"], {
      reject: false,
      input: 'the template',
      env: {},
      extendEnv: false,
    });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toBe("args: [--version] [two words] [it's]\ninput: the template");
    expect(tool.starts()).toBe(2);
  });

  it('sees through a pyenv shim to the program it runs, and leaves any other file as it is', () => {
    const directory = registeredTempDir();
    const pyenv = join(directory, 'pyenv');
    writeFileSync(pyenv, `#!/bin/sh\n[ "$1" = which ] && echo "${directory}/versions/3.11/bin/$2"\n`);
    chmodSync(pyenv, 0o755);
    const shim = join(directory, 'cfn-lint');
    writeFileSync(
      shim,
      `#!/usr/bin/env bash\nset -e\nprogram="\${0##*/}"\nexport PYENV_ROOT="/root/.pyenv"\nexec "${pyenv}" exec "$program" "$@"\n`,
    );
    expect(withoutShim(shim, 'cfn-lint')).toBe(`${directory}/versions/3.11/bin/cfn-lint`);
    const plain = fakeTool(directory).binary;
    expect(withoutShim(plain, 'fake-lint')).toBe(plain);
  });

  it.skipIf(!process.env[WRAPPERS_VARIABLE])(
    'comes first on the PATH of the suite, for each tool installed',
    () => {
      const wrappers = process.env[WRAPPERS_VARIABLE] ?? '';
      const installed = ['cfn-lint', 'checkov'].filter((name) => onPath(name, process.env.PATH ?? ''));
      expect(installed.length).toBeGreaterThan(0);
      for (const name of installed) expect(onPath(name, process.env.PATH ?? '')).toBe(join(wrappers, name));
    },
  );
});
