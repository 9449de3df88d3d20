import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { packageRoot } from '../util/package-root.js';

/** The words every screen and file of the demo carries, so no one takes it for a live model. */
export const SCRIPTED_NOTICE = 'scripted replay — not a live model';

/** The user's side of the scripted conversation: one answer per clarifying question, in order. */
export const ScriptedAnswerSchema = z.object({
  key: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().min(1),
});
export type ScriptedAnswer = z.infer<typeof ScriptedAnswerSchema>;

/**
 * The demo file: a hand-written replay recording (`scripted: true`, played back by
 * providers/replay) plus what the demo needs around it: the track's name and request, the user's
 * answers, and the constraint files of the worked example it was written from.
 */
export const DemoScriptSchema = z.object({
  scripted: z.literal(true),
  description: z.string().min(1),
  source: z.string().min(1),
  track: z.object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    tool: z.enum(['crossplane', 'terraform', 'cloudformation']),
    environment: z.string().min(1),
    request: z.string().min(1),
  }),
  answers: z.array(ScriptedAnswerSchema).min(1),
  constraints: z.record(z.enum(['context.md', 'tagging-standard.md']), z.string().min(1)),
  exchanges: z.array(z.object({ persona: z.string().min(1) }).passthrough()).min(1),
});
export type DemoScript = z.infer<typeof DemoScriptSchema>;

/** The shipped demo file of each IaC tool (replays/ is in package.json "files"). */
export const DEMO_SCRIPT_FILES = {
  crossplane: 'cassandra-keyspace.replay.json',
  terraform: 's3-secure-bucket-terraform.replay.json',
  cloudformation: 's3-secure-bucket-cloudformation.replay.json',
} as const;

/** The shipped demo file of `iac` (Crossplane by default). */
export const defaultDemoScriptPath = (
  root: string = packageRoot(),
  iac: keyof typeof DEMO_SCRIPT_FILES = 'crossplane',
): string => join(root, 'replays', DEMO_SCRIPT_FILES[iac]);

/** Reads and checks a demo file; every problem names the file and the field. */
export async function loadDemoScript(file: string): Promise<DemoScript> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`demo script ${file} cannot be read as JSON`, [String(error)], {
      hint: 'Reinstall infrakit: the demo script ships in its replays/ folder.',
    });
  }
  const parsed = DemoScriptSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`demo script ${file} is invalid`, problems);
  }
  return parsed.data;
}
