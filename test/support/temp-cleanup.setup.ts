import { relative } from 'node:path';
import { afterAll, expect } from 'vitest';
import { cpuSecondsWithChildren, logFileCpu } from './file-cpu.js';
import { removeRegisteredTempDirs } from './temp-dirs.js';

// vitest setupFiles run before every test file. Temporary folders live in the run's root (TMPDIR,
// set by temp-root.global.ts and removed when the run ends); the folders a file registered through
// temp-dirs.ts go when the file ends. TMPDIR is not changed per file: test files sharing a worker
// (isolate: false) would see a TMPDIR another file had already removed.

// INFRAKIT_TEST_CPU_LOG=<file>: one line per test file with the CPU seconds it used, its child
// processes included (how to find the files worth making faster).
const cpuLog = process.env.INFRAKIT_TEST_CPU_LOG;
const cpuAtStart = cpuLog ? cpuSecondsWithChildren() : undefined;
const testPath = expect.getState().testPath ?? 'unknown';

afterAll(() => {
  removeRegisteredTempDirs();
  if (cpuLog) logFileCpu(cpuLog, relative(process.cwd(), testPath), cpuAtStart);
});
