import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cliMissing } from './support/cli.js';
import { connect, textOf, type Connected } from './support/mcp-client.js';
import { createSandbox, type Sandbox } from './support/project.js';
import { caseTally, fileHash } from './support/case-tally.js';

/** A secret that lives outside the project; no answer may ever contain it. */
const OUTSIDE_SECRET = 'OutsideSecretCanary7f3a';
/** A CloudFormation template whose one property name is the secret: verify names unknown properties. */
const OUTSIDE_TEMPLATE = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  Leak:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  `      ${OUTSIDE_SECRET}: true`,
  '',
].join('\n');
const OUTSIDE_CONTEXT = `---\nprovider: aws\nregion: us-east-1\nnaming:\n  pattern: '{env}-{resource}'\nenvironments:\n  - name: dev\n---\n\n# ${OUTSIDE_SECRET}\n`;
const FSMONITOR = '[core]\n\tfsmonitor = "touch /nonexistent/infrakit-r7-marker"\n';

const hash = fileHash;

const { attempt, failures, print } = caseTally();

describe.skipIf(cliMissing)('R7: a hostile MCP client against infrakit mcp', () => {
  let sandbox: Sandbox;
  let server: Connected;

  beforeEach(async () => {
    sandbox = createSandbox('infrakit-r7-');
    writeFileSync(join(sandbox.outside, 'template.yaml'), OUTSIDE_TEMPLATE);
    writeFileSync(join(sandbox.outside, 'context.md'), OUTSIDE_CONTEXT);
    server = await connect(sandbox.root, sandbox.home);
  });

  afterEach(async () => {
    await server?.close();
    rmSync(sandbox.base, { recursive: true, force: true });
  });

  afterAll(() => {
    print('R7');
  });

  it('write_file refuses every way into .git/ and .infrakit/, through links and lookalike names', async () => {
    const start = failures.length;
    const gitConfig = join(sandbox.root, '.git', 'config');
    const constraints = join(sandbox.root, '.infrakit', 'context.md');
    symlinkSync('.git', join(sandbox.root, 'gitlink'));
    mkdirSync(join(sandbox.root, 'compositions'));
    symlinkSync('../.git', join(sandbox.root, 'compositions', 'keyspace'));
    symlinkSync('.infrakit', join(sandbox.root, 'settings'));
    const cases: Array<[string, string]> = [
      ['an in-project link to .git', 'gitlink/config'],
      ['a planted compositions/keyspace -> ../.git', 'compositions/keyspace/config'],
      ['.GIT in capitals', '.GIT/config'],
      ['.git at depth', 'sub/.git/config'],
      ['.git with a trailing dot', '.git./config'],
      ['.Git hooks at depth', 'modules/x/.Git/hooks/pre-commit'],
      ['an in-project link to .infrakit', 'settings/context.md'],
      ['.INFRAKIT in capitals', '.INFRAKIT/context.md'],
    ];
    for (const [name, path] of cases)
      await attempt('write_file paths', name, async () => {
        const before = [hash(gitConfig), hash(constraints)];
        const result = await server.call('write_file', { path, content: FSMONITOR });
        const problems: string[] = [];
        if (!result.isError) problems.push(`accepted: ${textOf(result)}`);
        else if (!/refused to write/.test(textOf(result))) problems.push(`unclear: ${textOf(result)}`);
        if (hash(gitConfig) !== before[0]) problems.push('.git/config changed');
        if (hash(constraints) !== before[1]) problems.push('.infrakit/context.md changed');
        if (existsSync(join(sandbox.root, '.GIT')) || existsSync(join(sandbox.root, 'sub', '.git')))
          problems.push('a .git lookalike was created');
        if (existsSync(join(sandbox.outside, 'written.yaml'))) problems.push('wrote outside the project');
        return problems.join('; ') || undefined;
      });
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });

  it('resources, constraints and verify never serve or quote a file outside the project, nor .git/', async () => {
    const start = failures.length;
    const contextPath = join(sandbox.root, '.infrakit', 'context.md');
    rmSync(contextPath);
    symlinkSync(join(sandbox.outside, 'context.md'), contextPath);
    mkdirSync(join(sandbox.root, 'templates'));
    writeFileSync(
      join(sandbox.root, 'templates', 'own.yaml'),
      OUTSIDE_TEMPLATE.replace(OUTSIDE_SECRET, 'Tags'),
    );
    symlinkSync(join(sandbox.outside, 'template.yaml'), join(sandbox.root, 'templates', 'linked.yaml'));
    symlinkSync('.git', join(sandbox.root, 'gitlink'));
    const leaks = (text: string) => (text.includes(OUTSIDE_SECRET) ? 'quoted the outside file' : undefined);

    await attempt('reads through links', 'constraint resource through a symlinked context.md', async () => {
      const answer = await server.raw('resources/read', { uri: 'infrakit://constraints/context.md' });
      const text = JSON.stringify(answer);
      if (!answer.error) return `served: ${text.slice(0, 200)}`;
      return leaks(text) ?? (/symlink/.test(answer.error.message) ? undefined : `unclear: ${text}`);
    });
    await attempt('reads through links', 'constraints tool through a symlinked context.md', async () => {
      const result = await server.call('constraints', { includeDocuments: true });
      return leaks(JSON.stringify(result)) ?? (result.isError ? undefined : 'answered without an error');
    });
    await attempt('reads through links', 'verify of a folder holding a link out', async () => {
      const result = await server.call('verify', { path: 'templates' });
      const text = JSON.stringify(result);
      if (result.isError) return `failed: ${textOf(result)}`;
      return leaks(text) ?? (/linked\.yaml/.test(text) ? undefined : 'the skipped link is not named');
    });
    await attempt('reads through links', 'verify of a link into .git', async () => {
      const result = await server.call('verify', { path: 'gitlink/config' });
      return result.isError && /git's own folder/.test(textOf(result))
        ? undefined
        : `not refused: ${textOf(result)}`;
    });
    await attempt('reads through links', 'review of .git/config', async () => {
      const result = await server.call('review', { path: '.git/config' });
      return result.isError && /git's own folder/.test(textOf(result))
        ? undefined
        : `not refused: ${textOf(result)}`;
    });
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });

  it('a dangling link anywhere in the project is skipped with a note, not a crash', async () => {
    const start = failures.length;
    mkdirSync(join(sandbox.root, 'templates'));
    writeFileSync(
      join(sandbox.root, 'templates', 'own.yaml'),
      OUTSIDE_TEMPLATE.replace(OUTSIDE_SECRET, 'Tags'),
    );
    symlinkSync(join(sandbox.root, 'nowhere.yaml'), join(sandbox.root, 'templates', 'dangling.yaml'));
    symlinkSync(join(sandbox.root, 'gone.yaml'), join(sandbox.root, 'stale.yaml'));
    await attempt('reads through links', 'verify of a folder holding a dangling link', async () => {
      const result = await server.call('verify', { path: 'templates' });
      return !result.isError && /dangling/.test(textOf(result)) ? undefined : `unclear: ${textOf(result)}`;
    });
    await attempt(
      'reads through links',
      'verify of one file while a dangling link lies elsewhere',
      async () => {
        const result = await server.call('verify', { path: 'templates/own.yaml' });
        return result.isError ? `failed: ${textOf(result)}` : undefined;
      },
    );
    await attempt(
      'reads through links',
      'review of one file while a dangling link lies elsewhere',
      async () => {
        const result = await server.call('review', { path: 'templates/own.yaml', environment: 'dev' });
        return /did not run|internal error/.test(textOf(result))
          ? `verify did not run: ${textOf(result)}`
          : undefined;
      },
    );
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });

  it('answers every malformed request with a JSON-RPC error in its own words, and stays up', async () => {
    const start = failures.length;
    const raw: Array<[string, string, unknown, RegExp]> = [
      ['tools/call with params null', 'tools/call', null, /"params" must be a JSON object, not null/],
      [
        'tools/call with params a string',
        'tools/call',
        'verify',
        /"params" must be a JSON object, not a string/,
      ],
      [
        'tools/call without a name',
        'tools/call',
        { arguments: {} },
        /"params\.name" must be the name of a tool/,
      ],
      ['tools/call with a number as name', 'tools/call', { name: 7 }, /"params\.name" .* not a number/],
      [
        'arguments a string',
        'tools/call',
        { name: 'verify', arguments: 'path=x' },
        /"params\.arguments" must be a JSON object/,
      ],
      [
        'arguments null',
        'tools/call',
        { name: 'verify', arguments: null },
        /"params\.arguments" must be a JSON object/,
      ],
      ['resources/read with params null', 'resources/read', null, /"params" must be a JSON object/],
      ['resources/read with a number as uri', 'resources/read', { uri: 5 }, /"params\.uri" must be a string/],
      ['tools/list with params null', 'tools/list', null, /"params" must be a JSON object/],
    ];
    for (const [name, method, params, expected] of raw)
      await attempt('malformed requests', name, async () => {
        const answer = await server.raw(method, params);
        if (!answer.error) return `no error: ${JSON.stringify(answer).slice(0, 200)}`;
        if (answer.error.code === -32001) return 'never answered (timed out)';
        if (/Invalid input|expected \w+, received/.test(answer.error.message))
          return `raw zod text: ${answer.error.message}`;
        return expected.test(answer.error.message) ? undefined : `unclear: ${answer.error.message}`;
      });
    const badArguments: Array<[string, string, Record<string, unknown>, RegExp]> = [
      ['a number for a path', 'verify', { path: 5 }, /argument "path" must be a string/],
      [
        'an object for the content',
        'write_file',
        { path: 'a.yaml', content: { x: 1 } },
        /argument "content" must be a string/,
      ],
      ['a missing content', 'write_file', { path: 'a.yaml' }, /argument "content" is required/],
      ['an unknown argument', 'verify', { path: 'x', force: true }, /unknown argument "force"/],
      ['an empty query', 'list_resource_types', { query: '' }, /argument "query" is empty/],
      ['an unknown tool', 'rm_rf', {}, /no tool named "rm_rf"/],
    ];
    for (const [name, tool, args, expected] of badArguments)
      await attempt('malformed requests', name, async () => {
        const result = await server.call(tool, args);
        const text = textOf(result);
        if (!result.isError) return `accepted: ${text}`;
        if (/Invalid input|Input validation error|expected \w+, received/.test(text))
          return `raw zod text: ${text}`;
        return expected.test(text) ? undefined : `unclear: ${text}`;
      });
    await attempt(
      'malformed requests',
      'still serving after every bad call',
      async () => {
        const tools = await server.client.listTools();
        return tools.tools.some((tool) => tool.name === 'write_file') ? undefined : 'tools/list failed';
      },
      { control: true },
    );
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });

  it('answers lines that are not JSON-RPC at all, over raw stdio, and keeps serving', async () => {
    const start = failures.length;
    const child = spawn(process.execPath, [CLI, 'mcp', '--cwd', sandbox.root], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: sandbox.home, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const lines = [
      '{not json',
      '[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]',
      '{"jsonrpc":"2.0","id":2}',
      '{"jsonrpc":"1.0","id":3,"method":"tools/list"}',
      '{"jsonrpc":"2.0","id":4,"method":"tools/list"}',
    ];
    for (const line of lines) child.stdin.write(`${line}\n`);
    const deadline = Date.now() + 20_000;
    while (stdout.split('\n').filter(Boolean).length < lines.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    const answers = stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as { id: unknown; error?: { code: number; message: string }; result?: unknown },
      );
    const expected: Array<[string, (answer: (typeof answers)[number]) => boolean]> = [
      [
        'a line that is not JSON',
        (answer) => answer.error?.code === -32700 && /not JSON/.test(answer.error.message),
      ],
      [
        'a batch array',
        (answer) =>
          answer.error?.code === -32600 && /one JSON-RPC object per line/.test(answer.error.message),
      ],
      [
        'a request without a method',
        (answer) => answer.id === 2 && /"method" must be a string/.test(answer.error?.message ?? ''),
      ],
      [
        'the wrong jsonrpc version',
        (answer) => answer.id === 3 && /"jsonrpc" must be "2.0"/.test(answer.error?.message ?? ''),
      ],
      ['a good request after them', (answer) => answer.id === 4 && answer.result !== undefined],
    ];
    for (const [name, matches] of expected)
      await attempt(
        'malformed requests',
        name,
        async () => (answers.some(matches) ? undefined : `no such answer in ${stdout.slice(0, 600)}`),
        { control: name === 'a good request after them' },
      );
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });
});
