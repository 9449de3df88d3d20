import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { argumentProblems, kindOf } from './argument-problems.js';

/** What the guard answers instead of passing a message on: a JSON-RPC message to send back. */
export type GuardAnswer = JSONRPCMessage;

/** The tools the server has, by name, with their input schemas. */
export type ToolSchemas = ReadonlyMap<string, z.ZodObject>;

const PARAMS_SHAPE: Record<string, string> = {
  'tools/call': '{"name": "<tool>", "arguments": {...}}',
  'resources/read': '{"uri": "infrakit://constraints/context.md"}',
  'prompts/get': '{"name": "<prompt>"}',
  initialize:
    '{"protocolVersion": "...", "capabilities": {}, "clientInfo": {"name": "...", "version": "..."}}',
};

/**
 * Checks one incoming message before the SDK sees it. A malformed request gets a JSON-RPC error in
 * infrakit's own words, naming the field and the fix; tool arguments that do not fit the tool's
 * schema get the tool's own error result (isError) the same way, so an agent can correct its call.
 * A malformed notification is dropped (JSON-RPC never answers one). Returns undefined to pass the
 * message on, `null` to drop it. Without `tools` only the shape of a tool call is checked.
 */
export function checkIncoming(message: unknown, tools?: ToolSchemas): GuardAnswer | null | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return invalidRequest(
      null,
      `a message must be one JSON-RPC object per line, not ${kindOf(message)}`,
      'Send {"jsonrpc": "2.0", "id": 1, "method": "...", "params": {...}}; batches are not supported.',
    );
  const record = message as Record<string, unknown>;
  const id = record.id;
  const hasId = 'id' in record && id !== undefined;
  const isResponse = !('method' in record) && ('result' in record || 'error' in record);
  if (isResponse) return undefined;
  if (hasId && typeof id !== 'string' && typeof id !== 'number')
    return invalidRequest(null, `"id" must be a string or a number, not ${kindOf(id)}`, 'Use e.g. "id": 1.');
  const answerId = hasId ? (id as string | number) : null;
  if (record.jsonrpc !== '2.0')
    return hasId || !('method' in record)
      ? invalidRequest(
          answerId,
          `"jsonrpc" must be "2.0", not ${JSON.stringify(record.jsonrpc) ?? 'missing'}`,
        )
      : null;
  if (typeof record.method !== 'string')
    return invalidRequest(
      answerId,
      `"method" must be a string such as "tools/call", not ${kindOf(record.method)}`,
    );
  const method = record.method;
  if (!hasId) return record.params !== undefined && !isObject(record.params) ? null : undefined;
  if (record.params !== undefined && !isObject(record.params))
    return invalidParams(
      id as string | number,
      `${method}: "params" must be a JSON object, not ${kindOf(record.params)}`,
      PARAMS_SHAPE[method] ? `Send "params": ${PARAMS_SHAPE[method]}.` : 'Send "params": {} or leave it out.',
    );
  const params = (record.params ?? {}) as Record<string, unknown>;
  if (method === 'tools/call') return checkToolCall(id as string | number, params, tools);
  if (method === 'resources/read' && typeof params.uri !== 'string')
    return invalidParams(
      id as string | number,
      `resources/read: "params.uri" must be a string, not ${kindOf(params.uri)}`,
      `Send "params": ${PARAMS_SHAPE['resources/read']}; resources/list names every resource.`,
    );
  return undefined;
}

function checkToolCall(
  id: string | number,
  params: Record<string, unknown>,
  tools: ToolSchemas | undefined,
): GuardAnswer | undefined {
  const known = [...(tools?.keys() ?? [])].join(', ') || 'in tools/list';
  if (typeof params.name !== 'string')
    return invalidParams(
      id,
      `tools/call: "params.name" must be the name of a tool (a string), not ${kindOf(params.name)}`,
      `Send "params": ${PARAMS_SHAPE['tools/call']}; the tools are ${known}.`,
    );
  if ('arguments' in params && params.arguments !== undefined && !isObject(params.arguments))
    return invalidParams(
      id,
      `${params.name.slice(0, 80)}: "params.arguments" must be a JSON object of named arguments, not ${kindOf(params.arguments)}`,
      `Send "arguments": {"<name>": <value>, ...}, or {} when the tool needs none; tools/list gives the names.`,
    );
  if (!tools) return undefined;
  const schema = tools.get(params.name);
  // An unknown name is the tool call's own error (isError), as the SDK answered it, in our words.
  const problems = schema
    ? argumentProblems(params.name, schema, (params.arguments ?? {}) as Record<string, unknown>)
    : {
        message: `tools/call: there is no tool named ${JSON.stringify(params.name.slice(0, 80))}`,
        problems: [],
        hint: `The tools are ${known}; tools/list describes each.`,
      };
  if (!problems) return undefined;
  const text = [
    problems.message,
    ...(problems.problems.length > 1 ? problems.problems.map((problem) => `  - ${problem}`) : []),
    problems.hint,
  ].join('\n');
  return {
    jsonrpc: '2.0',
    id,
    result: {
      isError: true,
      content: [{ type: 'text', text }],
      structuredContent: {
        error: {
          kind: schema ? 'UsageError' : 'UnknownTool',
          message: problems.message,
          hint: problems.hint,
          problems: problems.problems,
        },
      },
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalidRequest(id: string | number | null, message: string, fix?: string): GuardAnswer {
  return errorAnswer(id, ErrorCode.InvalidRequest, message, fix);
}

function invalidParams(id: string | number, message: string, fix: string): GuardAnswer {
  return errorAnswer(id, ErrorCode.InvalidParams, message, fix);
}

/** A JSON-RPC error answer; `id` is null when the request's own id could not be read. */
export function errorAnswer(
  id: string | number | null,
  code: number,
  message: string,
  fix?: string,
): GuardAnswer {
  return {
    jsonrpc: '2.0',
    id,
    error: { code, message: fix ? `${message}. ${fix}` : message, ...(fix ? { data: { fix } } : {}) },
  } as unknown as GuardAnswer;
}
