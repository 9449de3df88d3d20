import type { z } from 'zod';

/**
 * The one small interface every model adapter implements (providers/<name>/).
 * The pipeline only ever talks to a ModelClient; adapters own the wire format.
 */
export const MODEL_CLIENT_SPEC_VERSION = 1 as const;

/** A system prompt block. `cache: true` marks the byte-stable prefix (persona + constraints). */
export interface SystemBlock {
  text: string;
  cache?: boolean;
}

export type ChatRole = 'user' | 'assistant';

/** A tool result the caller feeds back after the model asked for a tool. */
export interface ToolResultContent {
  type: 'tool_result';
  toolCallId: string;
  content: string;
  isError?: boolean;
}
export interface ToolCallContent {
  type: 'tool_call';
  id: string;
  name: string;
  input: unknown;
}
export interface TextContent {
  type: 'text';
  text: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string | Array<TextContent | ToolCallContent | ToolResultContent>;
}

/** A tool the model may call (e.g. the schema lookups). Parameters are a zod object. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: z.ZodType;
}

export interface ModelRequest<T = unknown> {
  /** Who is calling, e.g. `architect`; used for routing, the ledger and the mock server. */
  persona: string;
  system: SystemBlock[];
  messages: ChatMessage[];
  /** When set, the answer must be JSON matching this schema (native structured output). */
  output?: { name: string; schema: z.ZodType<T> };
  tools?: ToolDefinition[];
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with text deltas as they arrive (streaming). */
  onText?: (delta: string) => void;
  /**
   * Streaming progress: the size of every delta (text, tool input and the structured answer alike),
   * and token counts whenever the stream reports them. Setting it makes the adapter stream.
   */
  onStream?: (event: StreamEvent) => void;
}

/** One progress event of a streamed answer (ModelRequest.onStream). */
export type StreamEvent =
  | { kind: 'delta'; characters: number }
  /** Token counts the provider reported so far (Anthropic: at the start and end; OpenAI: at the end). */
  | { kind: 'usage'; inputTokens?: number; outputTokens?: number };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  model: string;
  provider: string;
  latencyMs: number;
  requestId?: string;
  /** How many HTTP attempts this call took, including SDK retries we could observe. */
  attempts?: number;
}

export interface ModelResponse<T = unknown> {
  /** The text answer (for structured output, the raw JSON text). */
  text: string;
  /** Validated structured output, when `output` was requested. */
  data?: T;
  /** Tool calls the model made, when tools were offered and it chose to call them. */
  toolCalls: ToolCallContent[];
  stopReason: 'end' | 'max_tokens' | 'tool_use' | 'other';
  usage: Usage;
}

export interface ModelClient {
  readonly specificationVersion: typeof MODEL_CLIENT_SPEC_VERSION;
  readonly provider: string;
  readonly modelId: string;
  generate<T = unknown>(request: ModelRequest<T>): Promise<ModelResponse<T>>;
}
