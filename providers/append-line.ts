import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Appends one line with a single O_APPEND write and fsync, so concurrent writers never
 * interleave inside a line and a crash leaves at most a torn last line (readers skip it).
 */
export async function appendLine(file: string, line: string): Promise<void> {
  if (line.includes('\n')) throw new Error('appendLine: a line must not contain a newline');
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
