import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../../src/errors/index.js';

/** Version of the recording file format. */
export const RECORDING_VERSION = 1;

/** First line of a recording: how it was made. `scripted: true` marks a hand-written conversation. */
export const RecordingHeaderSchema = z.object({
  type: z.literal('header'),
  version: z.literal(RECORDING_VERSION),
  scripted: z.boolean().default(false),
  description: z.string().optional(),
  createdAt: z.string().optional(),
});

const UsageSchema = z.object({
  inputTokens: z.number().int().min(0).default(0),
  outputTokens: z.number().int().min(0).default(0),
  cacheReadTokens: z.number().int().min(0).default(0),
  cacheWriteTokens: z.number().int().min(0).default(0),
  model: z.string().default('scripted'),
  provider: z.string().default('replay'),
  latencyMs: z.number().min(0).default(0),
  requestId: z.string().optional(),
  attempts: z.number().int().min(0).optional(),
});

/** One model exchange: matched on replay by persona and its order among that persona's calls. */
export const ExchangeSchema = z.object({
  type: z.literal('exchange'),
  persona: z.string().min(1),
  /** 0-based position among this persona's calls; hand-written files may omit it (file order). */
  sequence: z.number().int().min(0).optional(),
  /** A summary for humans and drift checks; never headers or keys. */
  request: z
    .object({
      model: z.string().optional(),
      outputName: z.string().optional(),
      digest: z.string().optional(),
      lastUserMessage: z.string().optional(),
    })
    .optional(),
  response: z.object({
    text: z.string(),
    data: z.unknown().optional(),
    toolCalls: z
      .array(z.object({ type: z.literal('tool_call'), id: z.string(), name: z.string(), input: z.unknown() }))
      .default([]),
    stopReason: z.enum(['end', 'max_tokens', 'tool_use', 'other']).default('end'),
    usage: UsageSchema.default(UsageSchema.parse({})),
  }),
});
export type Exchange = z.infer<typeof ExchangeSchema>;
export type RecordingHeader = z.infer<typeof RecordingHeaderSchema>;

/** A loaded recording: exchanges grouped per persona in play order. */
export interface Recording {
  scripted: boolean;
  description?: string;
  exchanges: Exchange[];
  byPersona: Record<string, Exchange[]>;
}

/**
 * Loads a recording: JSON Lines (a header line, then one exchange per line, as record.ts
 * writes) or, for hand-written files, one JSON document `{ "scripted": true, "exchanges": [...] }`.
 */
export async function loadRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `recording ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      [],
      { hint: 'Check the --replay path.' },
    );
  }
  return parseRecording(text, file);
}

/** Parses recording text; every problem names the file and line. */
export function parseRecording(text: string, file: string): Recording {
  const problems: string[] = [];
  let header: RecordingHeader = { type: 'header', version: RECORDING_VERSION, scripted: false };
  const exchanges: Exchange[] = [];
  const entries =
    documentEntries(text) ?? text.split('\n').map((line, index) => ({ line: index + 1, raw: line }));
  for (const { line, raw } of entries) {
    if (typeof raw === 'string' && raw.trim() === '') continue;
    let value: unknown = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push(`${file}:${line}: not valid JSON`);
        continue;
      }
    }
    const type = (value as { type?: unknown })?.type;
    const schema = type === 'header' ? RecordingHeaderSchema : ExchangeSchema;
    const parsed = schema.safeParse(type === undefined ? { type: 'exchange', ...(value as object) } : value);
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map(
          (issue) => `${file}:${line}: ${issue.path.map(String).join('.') || '(entry)'}: ${issue.message}`,
        ),
      );
    } else if (parsed.data.type === 'header') header = parsed.data;
    else exchanges.push(parsed.data);
  }
  if (problems.length > 0)
    throw new ConfigError(`recording ${file} is invalid`, problems, {
      hint: 'See docs/providers.md, "Recording files".',
    });
  const byPersona: Record<string, Exchange[]> = {};
  for (const exchange of exchanges) (byPersona[exchange.persona] ??= []).push(exchange);
  for (const list of Object.values(byPersona))
    list.sort((left, right) => (left.sequence ?? 0) - (right.sequence ?? 0));
  return { scripted: header.scripted, description: header.description, exchanges, byPersona };
}

/** A whole-file JSON document `{scripted, description, exchanges}` as entries; undefined for JSON Lines. */
function documentEntries(text: string): Array<{ line: number; raw: unknown }> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || trimmed.split('\n').length === 1) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const { exchanges, scripted, description } = document as {
    exchanges?: unknown;
    scripted?: unknown;
    description?: unknown;
  };
  if (!Array.isArray(exchanges)) return undefined;
  const header = { type: 'header', version: RECORDING_VERSION, scripted: scripted ?? false, description };
  return [
    { line: 1, raw: header },
    ...exchanges.map((exchange, index) => ({ line: index + 1, raw: exchange })),
  ];
}
