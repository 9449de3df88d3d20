import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { registeredTempDir, removeRegisteredTempDirs } from './temp-dirs.js';

describe('the suite temporary folders', () => {
  it('points every test file at the run root, which child processes inherit', () => {
    const fileRoot = tmpdir();
    expect(basename(fileRoot)).toMatch(/^infrakit-suite-/);
    expect(process.env.INFRAKIT_TEST_TMP_ROOT).toBe(fileRoot);
    const childTmp = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("os").tmpdir())'], {
      encoding: 'utf8',
    });
    expect(realpathSync(childTmp)).toBe(realpathSync(fileRoot));
  });

  it('removes the folders it registered', () => {
    const first = registeredTempDir('probe-');
    const second = registeredTempDir();
    expect(existsSync(first) && existsSync(second)).toBe(true);
    expect(first.startsWith(tmpdir())).toBe(true);
    expect(removeRegisteredTempDirs()).toBe(2);
    expect(existsSync(tmpdir())).toBe(true);
    expect(existsSync(first) || existsSync(second)).toBe(false);
  });
});
