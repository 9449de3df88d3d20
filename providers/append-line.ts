import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redact } from '../src/secrets/redact.js';

/**
 * Appends one line with a single O_APPEND write and fsync, so concurrent writers never
 * interleave inside a line and a crash leaves at most a torn last line (readers skip it). Every
 * line is scrubbed of secrets (ledger, recordings).
 */
export async function appendLine(file: string, line: string): Promise<void> {
  if (line.includes('\n')) throw new Error('appendLine: a line must not contain a newline');
  const scrubbed = redact(line);
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(`${scrubbed}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
