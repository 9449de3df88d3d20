import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { removeRegisteredTempDirs } from './temp-dirs.js';

// vitest setupFiles run before every test file: each file gets its own temporary root (TMPDIR, which
// os.tmpdir() reads at every call and child processes inherit), removed with everything registered
// in temp-dirs.ts when the file ends. A file run alone leaves the system temp folder as it found it.
const names = ['TMPDIR', 'TMP', 'TEMP'] as const;
const previous = names.map((name) => process.env[name]);
const fileRoot = mkdtempSync(join(tmpdir(), 'file-'));
for (const name of names) process.env[name] = fileRoot;

afterAll(() => {
  names.forEach((name, index) => {
    const value = previous[index];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  });
  removeRegisteredTempDirs();
  rmSync(fileRoot, { recursive: true, force: true, maxRetries: 3 });
});
