import { writeFile } from 'node:fs/promises';

/** One hand-written exchange: the persona and the answer it gets (the loader fills the defaults). */
export interface ScriptedExchange {
  persona: string;
  response: { text: string; data?: unknown };
}

/** Writes a hand-written scripted recording (the JSON form `--replay` reads) to `file`. */
export async function writeScriptedRecording(
  file: string,
  description: string,
  exchanges: ScriptedExchange[],
): Promise<void> {
  await writeFile(file, JSON.stringify({ scripted: true, description, exchanges }, null, 2));
}
