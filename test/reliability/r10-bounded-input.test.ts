import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage, stageArgs, sandboxThrough } from './support/checkpoints.js';
import { CLI, cliEnvironment, cliMissing, describeRun, type CliRun } from './support/cli.js';
import { readState } from './support/flow.js';
import { outputName, scriptWith } from './support/model-script.js';
import { createSandbox, git, type Sandbox } from './support/project.js';
import { ALIAS_BOMB } from '../support/alias-bomb.js';

/** A guard so that old code, which expands the bomb for minutes, ends the test instead of hanging it. */
const GUARD_MS = 90_000;

/** Runs the CLI; a run still going after GUARD_MS is killed and reported as `signal: SIGKILL`. */
function runGuarded(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', CLI, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), GUARD_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 });
    });
  });
}

const counts = { tried: 0, handled: 0 };
const record = (handled: boolean) => {
  counts.tried += 1;
  if (handled) counts.handled += 1;
};

describe.skipIf(cliMissing)('R10: bounded input (YAML aliases, model answers, forwarded artifacts)', () => {
  let fresh: Sandbox;
  let planned: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    planned = createSandbox();
    fresh = copySandbox(planned);
    await sandboxThrough(['new', 'plan'], mock.url, planned);
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `R10 bounded input: ${counts.handled}/${counts.tried} hostile inputs refused, naming the file or the limit`,
    );
  });

  it('verify refuses a 346-byte alias bomb at once, naming the file and the limit', async () => {
    expect(ALIAS_BOMB.length).toBeLessThan(400);
    const sandbox = copySandbox(fresh);
    writeFileSync(
      join(sandbox.root, 'bomb.yaml'),
      `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "1"\n${ALIAS_BOMB}\n`,
    );
    const run = await runGuarded(['verify', 'bomb.yaml'], sandbox.root, cliEnvironment(sandbox, mock.url));
    const output = `${run.stdout}\n${run.stderr}`;
    const handled =
      run.signal === null && run.code !== 1 && /bomb\.yaml/.test(output) && /yamlAlias\w+ limit/.test(output);
    record(handled);
    expect(handled, describeRun(run)).toBe(true);
  });

  it('an alias bomb in the front matter of context.md is exit 3 naming the file, not an internal error', async () => {
    const sandbox = copySandbox(fresh);
    const path = join(sandbox.root, '.infrakit', 'context.md');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('provider: aws\n', `provider: aws\n${ALIAS_BOMB}\n`),
    );
    const run = await runGuarded(stageArgs('new', sandbox), sandbox.root, cliEnvironment(sandbox, mock.url));
    const handled =
      run.code === 3 &&
      /context\.md/.test(run.stderr) &&
      /yamlAlias\w+ limit/.test(run.stderr) &&
      !/internal error/i.test(run.stderr);
    record(handled);
    expect(handled, describeRun(run)).toBe(true);
  });

  const answers: Array<{ name: string; files: Array<{ path: string; content: string }>; limit: RegExp }> = [
    {
      name: '201 files',
      files: Array.from({ length: 201 }, (_, index) => ({ path: `f${index}.yaml`, content: 'kind: X\n' })),
      limit: /answerFiles limit \(200\)/,
    },
    {
      name: '9 MB in nine files',
      files: Array.from({ length: 9 }, (_, index) => ({
        path: `big${index}.yaml`,
        content: 'a'.repeat(1_000_000),
      })),
      limit: /answerTotalBytes limit/,
    },
    {
      name: 'a 241-character path of short folders',
      files: [{ path: `${'ab/'.repeat(78)}x.yaml`, content: 'kind: X\n' }],
      limit: /answerPathCharacters limit \(200\)/,
    },
  ];

  it.each(answers)(
    'refuses a code answer over a limit: $name, before writing anything',
    async ({ files, limit }) => {
      const sandbox = copySandbox(planned);
      // A generous HTTP timeout, so a large answer really reaches the code-writing step.
      writeFileSync(
        join(sandbox.root, '.infrakit', 'config.yaml'),
        'maxRetries: 0\ntimeoutMs: 60000\nretryBaseDelayMs: 1\n',
      );
      const server = await startMockModelServer({
        script: scriptWith([
          {
            match: { persona: 'iac-engineer', predicate: (request) => outputName(request) === 'code' },
            reply: { json: { files, notes: '' } },
          },
        ]),
      });
      try {
        const run = await runStage('implement', sandbox, server.url);
        const state = readState(sandbox);
        const written = files.filter((file) =>
          existsSync(join(sandbox.root, 'compositions/keyspace', file.path)),
        );
        const output = `${run.stdout}\n${run.stderr}`;
        const handled =
          run.code === 5 &&
          state.value === 'blocked' &&
          limit.test(output) &&
          limit.test(state.reason ?? '') &&
          written.length === 0;
        record(handled);
        expect(handled, `${written.length} written\n${describeRun(run)}`).toBe(true);
      } finally {
        await server.close();
      }
    },
  );

  it('never forwards a 600 kB spec to the reviewers', async () => {
    const sandbox = copySandbox(fresh);
    const huge = `# Spec\n\n- R1: a keyspace\n\n${'padding '.repeat(75_000)}\n`;
    const server = await startMockModelServer({
      script: scriptWith([
        {
          match: {
            persona: 'solutions-engineer',
            predicate: (request) => JSON.stringify(request.body?.messages ?? '').includes('replication'),
          },
          reply: { json: { question: null, spec: huge } },
        },
      ]),
    });
    try {
      const run = await runStage('new', sandbox, server.url);
      const forwarded = server.requests.filter(
        (request) =>
          request.persona !== 'solutions-engineer' && JSON.stringify(request.body).length > 512 * 1024,
      );
      const limit = /forwardedArtifactBytes limit/;
      const output = `${run.stdout}\n${run.stderr}`;
      const handled =
        forwarded.length === 0 &&
        run.code === 5 &&
        limit.test(output) &&
        limit.test(readState(sandbox).reason ?? '');
      record(handled);
      expect(handled, `${forwarded.length} oversized requests\n${describeRun(run)}`).toBe(true);
      expect(git(sandbox.root, ['status', '--porcelain']).trim()).toBe('');
    } finally {
      await server.close();
    }
  });
});
