import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { EvalCase } from './case-schema.js';

/**
 * The hand-written (scripted, not live) answers of every persona for one eval case, in the
 * structured shapes of src/pipeline/output-schemas.ts. Played back by the mock model server in
 * the benches and recorded for the replay provider; eval/scripted/README.md says what they prove.
 */
export interface ScriptedExchange {
  caseId: string;
  /** Solutions Engineer: one answer per clarifying question, then the spec. */
  clarify: Array<{ question: { key: string; text: string; options: string[] } | null; spec: string | null }>;
  /** One review per reviewer persona id. */
  review: { verdict: 'APPROVE'; summary: string; findings: [] };
  plan: {
    plan: string;
    tasks: Array<{ id: string; title: string; requirements: string[]; files: string[] }>;
  };
  code: { files: Array<{ path: string; content: string }>; notes: string };
}

/** Marker put in every scripted text, so no one mistakes it for a live model's answer. */
export const SCRIPTED_LABEL = '[scripted eval fixture, not a live model answer]';

async function listFiles(root: string, directory = root): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? listFiles(root, join(directory, entry.name))
        : Promise.resolve([relative(root, join(directory, entry.name))]),
    ),
  );
  return nested.flat().sort();
}

/** The spec the scripted Solutions Engineer writes: the request and each answer as a numbered requirement. */
export function scriptedSpec(evalCase: EvalCase): string {
  const requirements = [evalCase.request, ...evalCase.answers.map((entry) => entry.answer)];
  return [
    `# ${evalCase.title}`,
    '',
    SCRIPTED_LABEL,
    '',
    `Tool: ${evalCase.tool}. Target environment: ${evalCase.environment}.`,
    '',
    '## Requirements',
    ...requirements.map((text, index) => `- R${index + 1}. ${text}`),
    '',
  ].join('\n');
}

/** Builds the scripted exchange of a case from its YAML and its code folder (eval/scripted/<id>/). */
export async function loadScriptedExchange(
  evalCase: EvalCase,
  scriptedRoot: string,
): Promise<ScriptedExchange> {
  const folder = join(scriptedRoot, evalCase.id);
  const paths = await listFiles(folder);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, content: await readFile(join(folder, path), 'utf8') })),
  );
  const requirementIds = [evalCase.request, ...evalCase.answers].map((_, index) => `R${index + 1}`);
  return {
    caseId: evalCase.id,
    clarify: [
      ...evalCase.answers.map((entry) => ({
        question: { key: entry.key, text: entry.question, options: [] },
        spec: null,
      })),
      { question: null, spec: scriptedSpec(evalCase) },
    ],
    review: { verdict: 'APPROVE', summary: `No open findings. ${SCRIPTED_LABEL}`, findings: [] },
    plan: {
      plan: `# Plan\n\n${SCRIPTED_LABEL}\n\nWrite ${paths.join(', ')} covering ${requirementIds.join(', ')}.\n`,
      tasks: [
        { id: 'T1', title: `Write the ${evalCase.tool} code`, requirements: requirementIds, files: paths },
      ],
    },
    code: { files, notes: SCRIPTED_LABEL },
  };
}

/** The output name a recorded request asked for (`clarify`, `review`, `plan`, `code`), from either wire format. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function requestedOutputName(body: any): string | undefined {
  return (
    body?.tool_choice?.name ?? body?.tool_choice?.function?.name ?? body?.response_format?.json_schema?.name
  );
}

/** The scripted structured answer for one request, chosen by the output it asks for, then by persona. */
export function scriptedAnswer(
  exchange: ScriptedExchange,
  outputName: string | undefined,
  persona: string | undefined,
  clarifyIndex: number,
): unknown {
  const kind =
    outputName ??
    (persona === 'solutions-engineer' ? 'clarify' : persona === 'iac-engineer' ? 'code' : 'review');
  if (kind === 'clarify') return exchange.clarify[Math.min(clarifyIndex, exchange.clarify.length - 1)];
  if (kind === 'plan') return exchange.plan;
  if (kind === 'code') return exchange.code;
  return exchange.review;
}
