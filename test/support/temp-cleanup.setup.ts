import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect } from 'vitest';
import { cpuSecondsWithChildren, logFileCpu } from './file-cpu.js';
import { removeRegisteredTempDirs } from './temp-dirs.js';

// vitest setupFiles run before every test file: each file gets its own temporary root (TMPDIR, which
// os.tmpdir() reads at every call and child processes inherit), removed with everything registered
// in temp-dirs.ts when the file ends. A file run alone leaves the system temp folder as it found it.
const names = ['TMPDIR', 'TMP', 'TEMP'] as const;
const previous = names.map((name) => process.env[name]);
const fileRoot = mkdtempSync(join(tmpdir(), 'file-'));
for (const name of names) process.env[name] = fileRoot;

// INFRAKIT_TEST_CPU_LOG=<file>: one line per test file with the CPU seconds it used, its child
// processes included (how to find the files worth making faster).
const cpuLog = process.env.INFRAKIT_TEST_CPU_LOG;
const cpuAtStart = cpuLog ? cpuSecondsWithChildren() : undefined;
const testPath = expect.getState().testPath ?? 'unknown';

afterAll(() => {
  names.forEach((name, index) => {
    const value = previous[index];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  });
  removeRegisteredTempDirs();
  rmSync(fileRoot, { recursive: true, force: true, maxRetries: 3 });
  if (cpuLog) logFileCpu(cpuLog, relative(process.cwd(), testPath), cpuAtStart);
});
