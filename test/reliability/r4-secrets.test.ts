import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockModelServer } from '../support/mock-model-server.js';
import { CANARY, cliEnvironment, cliMissing, runCli, type CliRun } from './support/cli.js';
import { listFiles, newArgs, runFullFlow, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { createSandbox, git, type Sandbox } from './support/project.js';

/** What a leak looks like: any run of the canary marker, so a truncated or re-encoded key is caught too. */
const MARKER = 'CANARY0RELIABILITY';
const counts = { runs: 0, places: 0, leaks: 0 };
const leaks: string[] = [];

/** A hostile endpoint: answers every request with an error whose body echoes the credentials it was sent. */
async function startEchoServer(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const echoed = `x-api-key=${String(request.headers['x-api-key'])} authorization=${String(request.headers.authorization)}`;
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-should-retry': 'false',
        'request-id': echoed.slice(0, 200),
      });
      response.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: `bad credentials: ${echoed}` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Counts the marker in a text, recording where it was found. */
function scan(place: string, text: string): void {
  counts.places += 1;
  const found = text.split(MARKER).length - 1;
  if (found > 0) {
    counts.leaks += found;
    leaks.push(`${place}: ${found} occurrence(s)`);
  }
}

/** Scans every file of the sandbox (project, home, recordings), the runs' output and `git log -p --all`. */
function scanEverything(label: string, sandbox: Sandbox, runs: CliRun[]): void {
  for (const file of listFiles(sandbox.base)) {
    if (file.startsWith('home/.config/infrakit/')) continue; // the user config is where the key is allowed to live
    scan(`${label} ${file}`, readFileSync(join(sandbox.base, file), 'latin1'));
  }
  for (const file of listFiles(join(sandbox.root, '.git')))
    scan(`${label} .git/${file}`, readFileSync(join(sandbox.root, '.git', file), 'latin1'));
  scan(`${label} git log -p`, git(sandbox.root, ['log', '-p', '--all', '--binary']));
  runs.forEach((run, index) =>
    scan(`${label} run ${index + 1} stdout+stderr`, `${run.stdout}\n${run.stderr}`),
  );
  counts.runs += runs.length;
}

const recordFile = (sandbox: Sandbox) => join(sandbox.root, '.infrakit', 'recordings', 'run.jsonl');

describe.skipIf(cliMissing)('R4: canary keys never reach a file, a commit, a recording or the output', () => {
  afterAll(() => {
    console.log(
      `R4 secrets: ${counts.leaks} canary occurrences in ${counts.places} places scanned (files, recordings, git log -p, output of ${counts.runs} runs)`,
    );
    if (leaks.length) console.log(`R4 leaks:\n${leaks.join('\n')}`);
  });

  it('a full recorded run with a fault, and a track blocked by a persistent fault', async () => {
    const mock = await startMockModelServer({
      script: scriptWith([
        { match: { persona: 'architect' }, reply: { fault: 'server_error' }, times: 1 },
        { match: { persona: 'iac-engineer' }, reply: { fault: 'rate_limit' }, times: 1 },
      ]),
    });
    const sandbox = createSandbox();
    const runs = await runFullFlow(sandbox, mock.url, {
      INFRAKIT_RECORD_FILE: recordFile(sandbox),
      INFRAKIT_DEBUG: '1',
    });
    mock.script(scriptWith([{ match: { persona: 'iac-engineer' }, reply: { fault: 'overloaded' } }]));
    const blocked = createSandbox();
    const env = cliEnvironment(blocked, mock.url, {
      INFRAKIT_RECORD_FILE: recordFile(blocked),
      INFRAKIT_DEBUG: '1',
    });
    const blockedRuns = [
      await runCli([...newArgs(blocked), '--through', 'implement'], { cwd: blocked.root, env }),
    ];
    await mock.close();
    expect(readFileSync(recordFile(sandbox), 'utf8')).toContain('"exchange"');
    expect(blockedRuns[0].code).not.toBe(0);
    scanEverything('recorded run', sandbox, runs);
    scanEverything('blocked run', blocked, blockedRuns);
    expect(leaks).toEqual([]);
  });

  it('an endpoint that echoes the key back in its error, for each provider and with the key in the user config', async () => {
    for (const [provider, status] of [
      ['anthropic', 401],
      ['anthropic', 400],
      ['openai', 401],
      ['openai-compatible', 400],
    ] as const) {
      const echo = await startEchoServer(status);
      const sandbox = createSandbox();
      const baseUrl = provider === 'anthropic' ? echo.url : `${echo.url}/v1`;
      const extra: Record<string, string> = {
        INFRAKIT_PROVIDER: provider,
        INFRAKIT_RECORD_FILE: recordFile(sandbox),
        INFRAKIT_DEBUG: '1',
      };
      if (provider === 'openai-compatible') extra.INFRAKIT_MODEL = 'llama3.1';
      const env = cliEnvironment(sandbox, baseUrl, extra);
      const runs = [await runCli(newArgs(sandbox), { cwd: sandbox.root, env })];
      const track = trackOf(sandbox);
      if (track)
        runs.push(
          await runCli(['status', track], { cwd: sandbox.root, env }),
          await runCli(['resume', track, '--answers', sandbox.answers], { cwd: sandbox.root, env }),
        );
      await new Promise<void>((resolve) => echo.server.close(() => resolve()));
      expect(runs[0].code, runs[0].stderr).not.toBe(0);
      expect(runs[0].code, runs[0].stderr).not.toBe(1);
      scanEverything(`${provider} echo ${status}`, sandbox, runs);
    }
    const echo = await startEchoServer(401);
    const sandbox = createSandbox();
    mkdirSync(join(sandbox.home, '.config', 'infrakit'), { recursive: true });
    const userConfig = join(sandbox.home, '.config', 'infrakit', 'config.yaml');
    writeFileSync(userConfig, `keys:\n  anthropic: ${CANARY.anthropic}\n`);
    chmodSync(userConfig, 0o600);
    const env = cliEnvironment(sandbox, echo.url, { INFRAKIT_RECORD_FILE: recordFile(sandbox) });
    delete env.ANTHROPIC_API_KEY;
    const runs = [await runCli(newArgs(sandbox), { cwd: sandbox.root, env })];
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
    scanEverything('user-config key, echo 401', sandbox, runs);
    expect(
      execFileSync('git', ['status', '--porcelain'], { cwd: sandbox.root, encoding: 'utf8' }),
    ).not.toContain(MARKER);
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it('an endpoint that answers 200 but echoes the key in a header, the model field, or the answer text (a prefix, lowercased, base64)', async () => {
    const key = CANARY.anthropic;
    const echoes: Array<[string, (body: Record<string, unknown>) => void, Record<string, string>]> = [
      ['request-id header', () => undefined, { 'request-id': key }],
      ['model field', (body) => (body.model = `claude-${key}`), {}],
      ['model field, lowercased', (body) => (body.model = key.toLowerCase()), {}],
      ['answer text, a 20-character prefix', (body) => addToAnswer(body, key.slice(0, 33)), {}],
      ['answer text, base64', (body) => addToAnswer(body, Buffer.from(`user:${key}`).toString('base64')), {}],
    ];
    for (const [label, edit, headers] of echoes) {
      const mock = await startMockModelServer({ script: scriptWith([]) });
      const proxy = await startEchoingProxy(mock.url, edit, headers);
      const sandbox = createSandbox();
      const runs = await runFullFlow(sandbox, proxy.url, { INFRAKIT_DEBUG: '1' });
      const track = trackOf(sandbox);
      if (track)
        runs.push(
          await runCli(['status', track, '--json'], {
            cwd: sandbox.root,
            env: cliEnvironment(sandbox, proxy.url),
          }),
        );
      await proxy.close();
      await mock.close();
      scanEverything(`echo in ${label}`, sandbox, runs);
      scanVariants(`echo in ${label}`, sandbox, runs, key);
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
  });
});

/** Adds a text to the first string field of the forced tool answer (what the persona says). */
function addToAnswer(body: Record<string, unknown>, text: string): void {
  const content = body.content as Array<{ type: string; input?: Record<string, unknown> }> | undefined;
  const input = content?.find((part) => part.type === 'tool_use')?.input;
  if (!input) return;
  const field = Object.keys(input).find((name) => typeof input[name] === 'string');
  if (field) input[field] = `${String(input[field])} (your key: ${text})`;
  else input.note = `your key: ${text}`;
}

/** A proxy in front of the mock that edits each successful JSON answer and adds headers. */
async function startEchoingProxy(
  target: string,
  edit: (body: Record<string, unknown>) => void,
  headers: Record<string, string>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const forwarded: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length')
          forwarded[name] = value;
      const answer = await fetch(`${target}${request.url}`, {
        method: request.method,
        headers: forwarded,
        body: Buffer.concat(chunks),
      });
      const text = await answer.text();
      let out = text;
      try {
        const body = JSON.parse(text) as Record<string, unknown>;
        if (answer.ok) edit(body);
        out = JSON.stringify(body);
      } catch {
        // not JSON: passed through
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
      response.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Scans for the key's lowercased, uppercased and base64 forms too (they do not hold the marker as is). */
function scanVariants(label: string, sandbox: Sandbox, runs: CliRun[], key: string): void {
  const inner = (offset: number) =>
    Buffer.from(`${'x'.repeat(offset)}${key}`)
      .toString('base64')
      .slice(8, 40);
  const variants = [MARKER.toLowerCase(), inner(0), inner(1), inner(2)];
  const texts: Array<[string, string]> = listFiles(sandbox.base)
    .filter((file) => !file.startsWith('home/.config/infrakit/'))
    .map((file) => [file, readFileSync(join(sandbox.base, file), 'latin1')]);
  texts.push(['git log -p', git(sandbox.root, ['log', '-p', '--all', '--binary'])]);
  runs.forEach((run, index) => texts.push([`run ${index + 1}`, `${run.stdout}\n${run.stderr}`]));
  for (const [place, text] of texts) {
    if (text.toLowerCase().includes(variants[0]))
      leaks.push(`${label} ${place}: the key in some letter case`);
    for (const variant of variants.slice(1))
      if (text.includes(variant)) leaks.push(`${label} ${place}: the key's base64`);
  }
}
