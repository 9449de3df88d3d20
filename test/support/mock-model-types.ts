/** Types of the loopback mock model server (test/support/mock-model-server.ts). */

/** One request the mock received, recorded in arrival order. */
export interface RecordedRequest {
  path: string;
  api: 'anthropic' | 'openai';
  /** From the `x-infrakit-persona` header our adapters send. */
  persona?: string;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  stream: boolean;
  receivedAt: number;
  respondedAt?: number;
}

/** Token usage the mock reports; unset fields are estimated (ceil(chars / 4)). */
export type MockUsage = Partial<{
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}>;

/** A successful canned answer. */
export interface MockAnswer {
  text?: string;
  /** Structured output: forced tool_use input (Anthropic) or JSON message content (OpenAI). */
  json?: unknown;
  toolCalls?: Array<{ name: string; input: unknown }>;
  stopReason?: 'end' | 'max_tokens' | 'tool_use';
  usage?: MockUsage;
  latencyMs?: number;
}

/** A failure injected on the wire. */
export interface MockFault {
  fault:
    | 'rate_limit'
    | 'server_error'
    | 'overloaded'
    | 'hang'
    | 'sse_error'
    | 'drop'
    | 'truncated_json'
    | 'max_tokens';
  /** For `rate_limit` and `overloaded`: sent as `retry-after` (and `retry-after-ms`). Default 0.01. */
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export type MockReply = MockAnswer | MockFault;

/** A scripted rule: the first rule whose `match` fits (and is not used up) answers. */
export interface MockRule {
  match?: {
    persona?: string;
    path?: 'anthropic' | 'openai';
    /** Tested against the JSON text of the request body. */
    contains?: string | RegExp;
    predicate?: (request: RecordedRequest) => boolean;
  };
  reply: MockReply | ((request: RecordedRequest, callIndex: number) => MockReply);
  /** Use this rule at most N times, then skip it. */
  times?: number;
}

export interface MockModelServerOptions {
  script?: MockRule[];
  /** Delay before every answer, unless the reply sets its own. */
  latencyMs?: number;
}

export interface MockModelServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Same as url: the Anthropic SDK appends /v1/messages. */
  anthropicBaseUrl: string;
  /** url + '/v1': the OpenAI SDK appends /chat/completions. */
  openaiBaseUrl: string;
  requests: RecordedRequest[];
  /** Replaces the scripted rules (and their use counts). */
  script(rules: MockRule[]): void;
  close(): Promise<void>;
}

/** True when the reply is an injected fault. */
export function isFault(reply: MockReply): reply is MockFault {
  return typeof (reply as MockFault).fault === 'string';
}
