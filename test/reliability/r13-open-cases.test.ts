import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathEscapeError, writeInside } from '../../src/fs/confine.js';
import { ALIAS_BOMB } from '../support/alias-bomb.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage } from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, runCli } from './support/cli.js';
import { readState, trackOf } from './support/flow.js';
import { connect, textOf } from './support/mcp-client.js';
import { scriptWith, scriptWithCode } from './support/model-script.js';
import { createSandbox, git, type Sandbox } from './support/project.js';
import { caseTally, fileHash } from './support/case-tally.js';

const FSMONITOR = '[core]\n\tfsmonitor = "touch /nonexistent/infrakit-r13-marker"\n';
const OUTSIDE_SECRET = 'OutsideSecretCanary13b9';
/** True when `text` holds a control character other than a line break or a tab. */
const rawControl = (text: string) =>
  [...text].some((character) => {
    const code = character.charCodeAt(0);
    return (code < 0x20 && code !== 0x0a && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
  });
const hash = fileHash;

const { attempt, failures, print } = caseTally();

afterAll(() => {
  print('R13');
});

describe('R13: a link planted between the check and the write (TOCTOU)', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox('infrakit-r13-race-');
  });

  /** Replaces the folder `relative` (under the project) by a symlink to `target`, keeping the original aside. */
  const swapForLink = (relative: string, target: string) => async () => {
    const folder = join(sandbox.root, relative);
    renameSync(folder, `${folder}.orig`);
    symlinkSync(target, folder);
  };

  const cases: Array<{
    name: string;
    root: string;
    requested: string;
    swap: string;
    target: (sandbox: Sandbox) => string;
    options?: { forbiddenTopLevel?: string[] };
    watched: (sandbox: Sandbox) => string;
  }> = [
    {
      name: 'the code folder swapped for a link to .git (the model writes "config")',
      root: 'compositions/keyspace',
      requested: 'config',
      swap: 'compositions/keyspace',
      target: () => '../.git',
      watched: (box) => join(box.root, '.git', 'config'),
    },
    {
      name: 'a parent inside the project swapped for a link to .git (MCP write_file of modules/x/config)',
      root: '.',
      requested: 'modules/x/config',
      swap: 'modules/x',
      target: () => '../.git',
      watched: (box) => join(box.root, '.git', 'config'),
    },
    {
      name: 'a parent swapped for a link outside the project',
      root: '.',
      requested: 'modules/y/main.yaml',
      swap: 'modules/y',
      target: (box) => box.outside,
      watched: (box) => join(box.outside, 'main.yaml'),
    },
    {
      name: "infrakit's own track folder swapped for a link outside",
      root: '.',
      requested: '.infrakit/tracks/race/state.json',
      swap: '.infrakit/tracks/race',
      target: (box) => box.outside,
      options: { forbiddenTopLevel: [] },
      watched: (box) => join(box.outside, 'state.json'),
    },
  ];

  it.each(cases)('refuses the write: $name', async (entry) => {
    const folder = join(sandbox.root, entry.swap);
    mkdirSync(folder, { recursive: true });
    const watched = entry.watched(sandbox);
    const before = hash(watched);
    const start = failures.length;
    await attempt('a link planted between check and write', entry.name, async () => {
      const outcome = await writeInside(join(sandbox.root, entry.root), entry.requested, FSMONITOR, {
        projectRoot: sandbox.root,
        ...entry.options,
        afterCheck: swapForLink(entry.swap, entry.target(sandbox)),
      }).then(
        () => 'written',
        (error: unknown) => error,
      );
      const problems: string[] = [];
      if (!(outcome instanceof PathEscapeError)) problems.push(`not refused: ${String(outcome)}`);
      else if (!/folder was replaced after the check/.test(outcome.message))
        problems.push(`unclear: ${outcome.message}`);
      if (hash(watched) !== before) problems.push(`${watched} changed`);
      if (readdirSync(sandbox.outside).some((name) => name.endsWith('.tmp')))
        problems.push('a temp file left outside');
      return problems.join('; ') || undefined;
    });
    expect(failures.slice(start), failures.join('\n')).toEqual([]);
  });

  it('control: without a swap the same write lands', async () => {
    mkdirSync(join(sandbox.root, 'modules', 'z'), { recursive: true });
    const target = await writeInside(sandbox.root, 'modules/z/main.yaml', 'a: 1\n', {
      afterCheck: async () => {},
    });
    expect(readFileSync(target, 'utf8')).toBe('a: 1\n');
  });
});

describe.skipIf(cliMissing)('R13: the MCP server under an alias bomb (official MCP client)', () => {
  it('answers each bomb with an error naming the limit, stays up, and answers the next call', async () => {
    const sandbox = createSandbox('infrakit-r13-mcp-');
    writeFileSync(
      join(sandbox.root, 'bomb.yaml'),
      `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "1"\n${ALIAS_BOMB}\n`,
    );
    writeFileSync(
      join(sandbox.root, 'bomb-template.yaml'),
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n${ALIAS_BOMB}\n`,
    );
    writeFileSync(
      join(sandbox.root, 'good.yaml'),
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n",
    );
    const start = failures.length;
    const server = await connect(sandbox.root, sandbox.home);
    const limit = /yamlAlias\w+ limit/;
    try {
      for (const tool of ['verify', 'review'])
        for (const file of ['bomb.yaml', 'bomb-template.yaml'])
          await attempt('MCP server under an alias bomb', `${tool} of ${file}`, async () => {
            // An unbounded expansion runs for minutes: the suite's test timeout ends it, a failure.
            const result = await server.call(tool, { path: file });
            const text = textOf(result);
            return limit.test(text) && text.includes(file)
              ? undefined
              : `no limit named: ${text.slice(0, 300)}`;
          });
      const context = join(sandbox.root, '.infrakit', 'context.md');
      writeFileSync(context, `---\n${ALIAS_BOMB}\n---\n\n# Context\n`);
      await attempt('MCP server under an alias bomb', 'constraints with a bomb in context.md', async () => {
        const result = await server.call('constraints', {});
        return result.isError && limit.test(textOf(result))
          ? undefined
          : `answered: ${textOf(result).slice(0, 300)}`;
      });
      await attempt('MCP server under an alias bomb', 'the next call after the bombs', async () => {
        const result = await server.call('verify', { path: 'good.yaml' });
        return result.isError ? `failed: ${textOf(result).slice(0, 300)}` : undefined;
      });
    } finally {
      await server.close();
    }
    expect(failures.slice(start), `${failures.join('\n')}\n${server.stderr()}`).toEqual([]);
  });
});

describe.skipIf(cliMissing)('R13: full runs (a read-only .git, names with terminal escapes)', () => {
  let mock: MockModelServer;
  let planned: Sandbox;
  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    planned = createSandbox('infrakit-r13-ro-');
    for (const stage of ['new', 'plan'] as const) {
      const run = await runStage(stage, planned, mock.url);
      expect(run.code, describeRun(run)).toBe(0);
    }
  });
  afterAll(async () => mock?.close());

  it('implement with .git mounted read-only gives a clear error, and resume commits once it is writable', async () => {
    const sandbox = copySandbox(planned);
    const gitFolder = join(sandbox.root, '.git');
    try {
      execFileSync('mount', ['--bind', gitFolder, gitFolder], { stdio: 'ignore' });
      execFileSync('mount', ['-o', 'remount,ro,bind', gitFolder], { stdio: 'ignore' });
    } catch {
      console.log(
        'R13: skipped the read-only .git case: cannot make a read-only bind mount here (needs root)',
      );
      return;
    }
    let mounted = true;
    try {
      const start = failures.length;
      const readOnly = await runStage('implement', sandbox, mock.url);
      const stateThen = readState(sandbox).value;
      execFileSync('umount', [gitFolder]);
      mounted = false;
      const resume = await runCli(['resume', trackOf(sandbox)!], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, mock.url),
      });
      const output = `${readOnly.stdout}\n${readOnly.stderr}`;
      await attempt('crash safety: a read-only .git', 'implement, then resume once writable', async () => {
        const problems: string[] = [];
        if (readOnly.code !== 5) problems.push(`exit ${readOnly.code}, not 5`);
        if (!/read-only/i.test(output)) problems.push('the error does not say read-only');
        if (/bug in infrakit/.test(output)) problems.push('called a bug in infrakit');
        if (stateThen === 'done') problems.push('state.json says done while nothing was committed');
        if (resume.code === 1 || /bug in infrakit/.test(resume.stderr)) problems.push('resume failed');
        const subjects = git(sandbox.root, ['log', '--format=%s']);
        const uncommitted = readState(sandbox).steps.filter(
          (step) => !new RegExp(`(: |; )step ${step.number} `).test(subjects),
        );
        if (uncommitted.length)
          problems.push(`steps not committed: ${uncommitted.map((step) => step.number)}`);
        if (git(sandbox.root, ['status', '--porcelain']).trim() !== '') problems.push('the tree is dirty');
        return problems.join('; ') || undefined;
      });
      expect(
        failures.slice(start),
        `${failures.join('\n')}\n${describeRun(readOnly)}\n${describeRun(resume)}`,
      ).toEqual([]);
    } finally {
      if (mounted) execFileSync('umount', ['-l', gitFolder], { stdio: 'ignore' });
    }
  });
  it('a model-chosen file name holding terminal escapes is printed escaped, by implement and status', async () => {
    const sandbox = copySandbox(planned);
    const evil = 'x\u001b[2J\u001b]0;pwned\u0007.yaml';
    const server = await startMockModelServer({
      script: scriptWithCode([{ path: evil, content: 'apiVersion: v1\nkind: ConfigMap\n' }]),
    });
    const start = failures.length;
    try {
      const implement = await runStage('implement', sandbox, server.url);
      const status = await runCli(['status', trackOf(sandbox)!], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, server.url),
      });
      await attempt('terminal safety', 'an escape-laden file name through implement and status', async () => {
        const output = [implement, status].map((run) => `${run.stdout}${run.stderr}`).join('');
        if (rawControl(output)) return 'a raw control character was printed';
        return /x\\x1b\[2J/.test(output) ? undefined : 'the name is not shown escaped';
      });
      expect(
        failures.slice(start),
        `${failures.join('\n')}\n${describeRun(implement)}\n${describeRun(status)}`,
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a code answer holding an alias bomb ends implement promptly, naming the limit (no hang)', async () => {
    const sandbox = copySandbox(planned);
    const server = await startMockModelServer({
      script: scriptWithCode([
        { path: 'definition.yaml', content: `apiVersion: v1\nkind: ConfigMap\n${ALIAS_BOMB}\n` },
      ]),
    });
    const start = failures.length;
    try {
      // An unbounded expansion hangs implement: the suite's test timeout ends it, a failure.
      const run = await runStage('implement', sandbox, server.url);
      const track = trackOf(sandbox)!;
      const folder = join(sandbox.root, '.infrakit', 'tracks', track);
      const reports = readdirSync(folder)
        .filter((name) => name.endsWith('.md'))
        .map((name) => readFileSync(join(folder, name), 'utf8'))
        .join('\n');
      await attempt('bounded input', 'an alias bomb in the code answer of implement', async () => {
        const problems: string[] = [];
        if (run.code === 1 || /bug in infrakit/.test(run.stderr)) problems.push('internal error');
        if (!/yamlAlias\w+ limit/.test(`${run.stdout}${run.stderr}${reports}`))
          problems.push('the limit is not named');
        if (readState(sandbox).value === 'done') problems.push('reached done');
        return problems.join('; ') || undefined;
      });
      expect(failures.slice(start), `${failures.join('\n')}\n${describeRun(run)}`).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('question keys "constructor" and "__proto__" answered from a map file are plain keys', async () => {
    const sandbox = createSandbox('infrakit-r13-proto-');
    writeFileSync(sandbox.answers, 'constructor: "5"\n__proto__: "polluted"\n');
    const server = await startMockModelServer({
      script: scriptWith([
        {
          match: {
            persona: 'solutions-engineer',
            predicate: (request) => !JSON.stringify(request.body?.messages ?? '').includes('replication'),
          },
          reply: {
            json: {
              question: { key: 'constructor', text: 'Which replication factor?', options: ['3', '5'] },
              spec: null,
            },
          },
        },
      ]),
    });
    const start = failures.length;
    try {
      const run = await runStage('new', sandbox, server.url);
      await attempt(
        'hostile model output',
        'a question keyed "constructor" answered from --answers',
        async () => {
          if (run.code !== 0) return `exit ${run.code}`;
          const qa = readFileSync(
            join(sandbox.root, '.infrakit', 'tracks', trackOf(sandbox)!, 'qa.md'),
            'utf8',
          );
          return /\b5\b/.test(qa) && !qa.includes('polluted') ? undefined : `qa.md: ${qa.slice(0, 300)}`;
        },
      );
      expect(failures.slice(start), `${failures.join('\n')}\n${describeRun(run)}`).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('review of a *.tf.json with a public-read-write ACL finds it (not "Score 100/100")', async () => {
    const sandbox = copySandbox(planned);
    writeFileSync(
      join(sandbox.root, 'main.tf.json'),
      JSON.stringify({
        resource: {
          aws_s3_bucket: { logs: { bucket: 'dev-logs' } },
          aws_s3_bucket_acl: { logs: { bucket: '${aws_s3_bucket.logs.id}', acl: 'public-read-write' } },
        },
      }),
    );
    const start = failures.length;
    const run = await runCli(['review', 'main.tf.json'], {
      cwd: sandbox.root,
      env: cliEnvironment(sandbox, mock.url),
    });
    await attempt('hostile repository', 'a public-read-write ACL in main.tf.json', async () => {
      const output = `${run.stdout}${run.stderr}`;
      if (/score 100\/100/i.test(output)) return 'scored 100/100';
      return /public/i.test(output) ? undefined : 'no public-access finding';
    });
    expect(failures.slice(start), `${failures.join('\n')}\n${describeRun(run)}`).toEqual([]);
  });

  it('a repository file name holding terminal escapes is printed escaped by verify', async () => {
    const sandbox = copySandbox(planned);
    const evil = 'evil\u001b[31m\u001b]8;;x\u0007.yaml';
    writeFileSync(
      join(sandbox.root, evil),
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      NoSuchProperty: true\n",
    );
    const start = failures.length;
    const run = await runCli(['verify', '.'], { cwd: sandbox.root, env: cliEnvironment(sandbox, mock.url) });
    await attempt('terminal safety', 'an escape-laden repository file name through verify', async () => {
      const output = `${run.stdout}${run.stderr}`;
      if (rawControl(output)) return 'a raw control character was printed';
      return /evil\\x1b\[31m/.test(output) ? undefined : 'the name is not shown escaped';
    });
    expect(failures.slice(start), `${failures.join('\n')}\n${describeRun(run)}`).toEqual([]);
  });
});

describe.skipIf(cliMissing)('R13: adopt reports the links it skipped', () => {
  it('names a dangling link and a link out as notes, and quotes nothing from outside', async () => {
    const sandbox = createSandbox('infrakit-r13-adopt-');
    writeFileSync(
      join(sandbox.root, 'main.tf'),
      'resource "aws_s3_bucket" "logs" {\n  bucket = "dev-logs"\n  tags = { team = "platform" }\n}\n',
    );
    writeFileSync(
      join(sandbox.outside, 'leak.tf'),
      `resource "aws_s3_bucket" "leak" {\n  bucket = "${OUTSIDE_SECRET}"\n  tags = { ${OUTSIDE_SECRET} = "x" }\n}\n`,
    );
    symlinkSync(join(sandbox.outside, 'leak.tf'), join(sandbox.root, 'leak.tf'));
    symlinkSync(join(sandbox.base, 'nothing.tf'), join(sandbox.root, 'dangling.tf'));
    const run = await runCli(['adopt', '--force'], {
      cwd: sandbox.root,
      env: cliEnvironment(sandbox, 'http://127.0.0.1:9'),
    });
    const start = failures.length;
    await attempt('adopt notes', 'a dangling link and a link out', async () => {
      const output = `${run.stdout}\n${run.stderr}`;
      const written = ['context.md', 'coding-style.md', 'tagging-standard.md']
        .map((file) => readFileSync(join(sandbox.root, '.infrakit', file), 'utf8'))
        .join('\n');
      const problems: string[] = [];
      if (run.code !== 0) problems.push(`exit ${run.code}`);
      if (!/note: skipped leak\.tf: .*outside the project/.test(output))
        problems.push('the link out is not noted');
      if (!/note: skipped dangling\.tf: .*dangling/.test(output))
        problems.push('the dangling link is not noted');
      if (`${output}${written}`.includes(OUTSIDE_SECRET)) problems.push('quoted the outside file');
      return problems.join('; ') || undefined;
    });
    expect(failures.slice(start), `${failures.join('\n')}\n${describeRun(run)}`).toEqual([]);
  });
});
