import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ModelClient } from '../../providers/types.js';
import type { Finding } from '../findings/finding.js';
import { personaSystemPrefix } from '../pipeline/call-persona.js';
import { ReviewSchema, type ReviewResult as PersonaReview } from '../pipeline/output-schemas.js';
import type { Persona } from '../personas/schema.js';
import { deterministicFindingsForReview } from '../policy/reviewer-digest.js';

/** The personas asked for an opinion by `review --with-model`, in this order. */
export const MODEL_REVIEWERS = ['architect', 'security-engineer'] as const;

/** Most bytes of code sent to each persona; above it the code is truncated with a note. */
export const MAX_CODE_BYTES = 200_000;

/** One persona's advisory opinion, or why there is none. */
export interface ModelOpinion {
  persona: string;
  title: string;
  /** The persona's structured review (verdict, summary, severity-tagged findings); absent on error. */
  review?: PersonaReview;
  /** Why this opinion is missing (e.g. a provider error); the deterministic result stands. */
  error?: string;
}

/** What `modelOpinions` needs; every side effect is injected. */
export interface ModelOpinionsRequest {
  projectRoot: string;
  /** Reviewed files, relative to the project root. */
  files: string[];
  findings: Finding[];
  documents: { context: string; codingStyle: string; tagging: string };
  personas: Persona[];
  modelFor: (persona: Persona) => ModelClient;
  progress?: (message: string) => void;
  maxCodeBytes?: number;
  readText?: (path: string) => Promise<string>;
}

/** The code section: each file under its path, cut at the byte limit, plus notes on what was cut. */
export async function codeForReview(
  projectRoot: string,
  files: string[],
  maxBytes: number = MAX_CODE_BYTES,
  readText: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<{ text: string; notes: string[] }> {
  const parts: string[] = [];
  const notes: string[] = [];
  let used = 0;
  for (const file of files) {
    const content = await readText(resolve(projectRoot, file));
    const size = Buffer.byteLength(content, 'utf8');
    const left = maxBytes - used;
    if (left <= 0) {
      notes.push(`${file} not sent: the code limit of ${maxBytes} bytes was reached`);
      continue;
    }
    const sent = size <= left ? content : Buffer.from(content, 'utf8').subarray(0, left).toString('utf8');
    if (size > left)
      notes.push(`${file} truncated to ${left} of ${size} bytes (code limit ${maxBytes} bytes)`);
    used += Math.min(size, left);
    parts.push(`## ${file}\n\n\`\`\`\n${sent}\n\`\`\``);
  }
  const text = [...parts, ...notes.map((note) => `Note: ${note}.`)].join('\n\n');
  return { text, notes };
}

const INSTRUCTION =
  'Review the infrastructure code below (existing code, not a spec; there are no requirement ids) against the project ' +
  'constraints. The deterministic findings are already ' +
  'reported; do not repeat them. Judge what code cannot (architecture, cost, threat model, fitness for the environment). ' +
  'Give severity-tagged findings and a verdict: REJECT when any critical or high finding is open, ' +
  'APPROVE WITH CHANGES when only medium or low findings remain, APPROVE otherwise.';

/**
 * Asks the Architect and the Security Engineer, in parallel and in isolation, for their opinion on
 * reviewed code. Each request holds only that persona's prompt, the constraints (the cached prefix),
 * the deterministic findings and the code. A failed call yields an opinion with `error`, never a throw.
 */
export async function modelOpinions(
  request: ModelOpinionsRequest,
): Promise<{ opinions: ModelOpinion[]; notes: string[] }> {
  const reviewers = MODEL_REVIEWERS.map((id) => {
    const persona = request.personas.find((candidate) => candidate.id === id);
    if (!persona) throw new Error(`persona "${id}" is missing from the personas folder`);
    return persona;
  });
  const code = await codeForReview(
    request.projectRoot,
    request.files,
    request.maxCodeBytes,
    request.readText,
  );
  const content = [
    `# Task\n\n${INSTRUCTION}`,
    `# Deterministic findings\n\n${deterministicFindingsForReview(request.findings)}`,
    `# Code\n\n${code.text || '(no files)'}`,
  ].join('\n\n');
  const opinions = await Promise.all(
    reviewers.map(async (persona): Promise<ModelOpinion> => {
      request.progress?.(`${persona.title} is reviewing...`);
      try {
        const response = await request.modelFor(persona).generate({
          persona: persona.id,
          system: personaSystemPrefix(persona, request.documents),
          messages: [{ role: 'user', content }],
          output: { name: 'review', schema: ReviewSchema },
        });
        if (response.data === undefined)
          return { persona: persona.id, title: persona.title, error: 'the model returned no review answer' };
        return { persona: persona.id, title: persona.title, review: response.data };
      } catch (error) {
        return {
          persona: persona.id,
          title: persona.title,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
  return { opinions, notes: code.notes };
}
