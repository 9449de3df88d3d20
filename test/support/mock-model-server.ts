import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { planAnswer, type AnswerPlan } from './mock-answer-plan.js';
import { anthropicMessage, anthropicStreamFrames } from './mock-anthropic-wire.js';
import { sendFault } from './mock-faults.js';
import { delay, readBody, sendError, sendJson, sendStream } from './mock-http.js';
import {
  isFault,
  type MockModelServer,
  type MockModelServerOptions,
  type MockReply,
  type MockRule,
  type RecordedRequest,
} from './mock-model-types.js';
import { openaiCompletion, openaiStreamFrames } from './mock-openai-wire.js';

export type {
  MockAnswer,
  MockFault,
  MockModelServer,
  MockModelServerOptions,
  MockReply,
  MockRule,
  MockUsage,
  RecordedRequest,
} from './mock-model-types.js';

/**
 * A loopback HTTP server that speaks enough of the Anthropic Messages API (POST /v1/messages)
 * and the OpenAI Chat Completions API (POST /v1/chat/completions), streaming or not, for the
 * unmodified SDKs to accept it. Scripted per test, it can also inject faults on the wire.
 */
export async function startMockModelServer(options: MockModelServerOptions = {}): Promise<MockModelServer> {
  let rules: MockRule[] = options.script ?? [];
  let uses = new Map<MockRule, number>();
  let counter = 0;
  const nextId = () => String(++counter).padStart(4, '0');
  const requests: RecordedRequest[] = [];
  const seenPrefixes = new Set<string>();
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(
          response,
          500,
          { error: { message: `mock model server crashed: ${String(error)}` } },
          { 'x-should-retry': 'false' },
        );
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    const api = path.endsWith('/v1/messages')
      ? 'anthropic'
      : path.endsWith('/v1/chat/completions')
        ? 'openai'
        : undefined;
    const raw = await readBody(request);
    if (request.method !== 'POST' || api === undefined) {
      sendJson(
        response,
        404,
        { error: { message: `mock model server: no route for ${request.method} ${path}` } },
        { 'x-should-retry': 'false' },
      );
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      sendJson(
        response,
        400,
        { error: { message: 'mock model server: request body is not JSON' } },
        { 'x-should-retry': 'false' },
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
    const recorded: RecordedRequest = {
      path,
      api,
      persona: headers['x-infrakit-persona'] || undefined,
      headers,
      body,
      stream: (body as { stream?: unknown }).stream === true,
      receivedAt: Date.now(),
    };
    requests.push(recorded);
    response.on('close', () => {
      recorded.respondedAt = Date.now();
    });

    const reply = chooseReply(recorded);
    if (reply === undefined) {
      const message =
        `mock model server: no scripted rule matched an ${api} request from persona "${recorded.persona ?? '(none: no x-infrakit-persona header)'}" ` +
        `to ${path} (${rules.length} rule(s) scripted; request #${requests.length})`;
      sendError(response, recorded, 500, 'api_error', message, { 'x-should-retry': 'false' });
      return;
    }
    await delay(reply.latencyMs ?? options.latencyMs ?? 0);
    if (response.destroyed) return;
    if (isFault(reply)) await sendFault(response, recorded, reply, { nextId, seenPrefixes, sendAnswer });
    else sendAnswer(response, recorded, planAnswer(reply, recorded, nextId, seenPrefixes));
  }

  function chooseReply(request: RecordedRequest): MockReply | undefined {
    for (const rule of rules) {
      const used = uses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      if (!matches(rule, request)) continue;
      uses.set(rule, used + 1);
      return typeof rule.reply === 'function' ? rule.reply(request, used) : rule.reply;
    }
    return undefined;
  }

  function sendAnswer(
    response: ServerResponse,
    request: RecordedRequest,
    plan: AnswerPlan,
    rawToolJson?: string,
  ): void {
    const model = String(request.body?.model ?? 'mock-model');
    const requestId = `req_mock_${nextId()}`;
    if (request.api === 'anthropic') {
      const id = `msg_mock_${nextId()}`;
      if (request.stream)
        sendStream(response, anthropicStreamFrames(plan, id, model, { rawToolJson }), requestId);
      else sendJson(response, 200, anthropicMessage(plan, id, model), { 'request-id': requestId });
    } else {
      const id = `chatcmpl-mock-${nextId()}`;
      const created = Math.floor(Date.now() / 1000);
      const includeUsage = request.body?.stream_options?.include_usage === true;
      if (request.stream)
        sendStream(response, openaiStreamFrames(plan, id, model, created, includeUsage), requestId);
      else sendJson(response, 200, openaiCompletion(plan, id, model, created), { 'x-request-id': requestId });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    anthropicBaseUrl: url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    script(next: MockRule[]) {
      rules = next;
      uses = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(rule: MockRule, request: RecordedRequest): boolean {
  const match = rule.match;
  if (!match) return true;
  if (match.persona !== undefined && match.persona !== request.persona) return false;
  if (match.path !== undefined && match.path !== request.api) return false;
  if (match.contains !== undefined) {
    const text = JSON.stringify(request.body);
    if (typeof match.contains === 'string' ? !text.includes(match.contains) : !match.contains.test(text))
      return false;
  }
  if (match.predicate && !match.predicate(request)) return false;
  return true;
}
