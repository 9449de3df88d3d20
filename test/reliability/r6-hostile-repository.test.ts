import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage } from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, pool, runCli, type CliRun } from './support/cli.js';
import { listFiles, readState, trackOf } from './support/flow.js';
import { outputName, scriptWith } from './support/model-script.js';
import { createSandbox, type Sandbox } from './support/project.js';

const CODE_DIR = 'compositions/keyspace';
/** What a planted `.git/config` would run on infrakit's next `git add`. */
const FSMONITOR = '[core]\n\tfsmonitor = "touch PWNED"\n';
/** Where a planted command would leave its mark: one file per sandbox, so cases cannot mix. */
const pwned = (sandbox: Sandbox) => join(sandbox.base, 'pwned');
/** A secret outside the project: no prompt, output or file may ever contain it. */
const OUTSIDE_SECRET = 'OutsideKubeTokenCanary91c2';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nusers:\n  - name: admin\n    user:\n      token: ${OUTSIDE_SECRET}\n`;
const OUTSIDE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Leak:\n    Type: AWS::S3::Bucket\n    Properties:\n      ${OUTSIDE_SECRET}: true\n`;
const OWN_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: dev-platform-logs\n`;

const counts: Record<string, { handled: number; tried: number }> = {};
const failures: string[] = [];
function record(family: string, name: string, problems: string[], run?: CliRun, control = false): void {
  const entry = control ? { handled: 0, tried: 0 } : (counts[family] ??= { handled: 0, tried: 0 });
  entry.tried += 1;
  if (problems.length)
    failures.push(`${family} / ${name}: ${problems.join('; ')}${run ? `\n${describeRun(run)}` : ''}`);
  else entry.handled += 1;
}
const crashed = (run: CliRun) =>
  run.code === 1 || run.signal !== null || /internal error|this is a bug/i.test(run.stderr);
const sha = (path: string) =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';

/** Hashes of what a hostile write could abuse: git's config and hooks, infrakit's constraints and config. */
function guarded(sandbox: Sandbox): Record<string, string> {
  const files = [
    '.git/config',
    '.git/HEAD',
    ...['context.md', 'coding-style.md', 'tagging-standard.md', 'config.yaml'].map(
      (file) => `.infrakit/${file}`,
    ),
  ];
  const hooks = listFiles(join(sandbox.root, '.git', 'hooks')).map((file) => `.git/hooks/${file}`);
  const outside = listFiles(sandbox.outside).map((file) => `../outside/${file}`);
  return Object.fromEntries(
    [...files, ...hooks, ...outside].map((file) => [file, sha(join(sandbox.root, file))]),
  );
}

/** One planted layout and the file the model then writes. */
interface PlantedCase {
  name: string;
  /** Held before this work too: asserted, not counted. */
  control?: boolean;
  plant: (sandbox: Sandbox) => void;
  files: Array<{ path: string; content: string }>;
}

const withDefinition = (path: string, content = FSMONITOR) => [
  { path: 'definition.yaml', content: 'kind: CompositeResourceDefinition\n' },
  { path, content },
];
const codeFolder = (sandbox: Sandbox) => {
  mkdirSync(join(sandbox.root, CODE_DIR), { recursive: true });
  return join(sandbox.root, CODE_DIR);
};
const compositions = (sandbox: Sandbox) => {
  mkdirSync(join(sandbox.root, 'compositions'), { recursive: true });
  return join(sandbox.root, 'compositions');
};

const PLANTED: PlantedCase[] = [
  {
    name: 'compositions/keyspace -> ../.git, then config',
    plant: (sandbox) => symlinkSync('../.git', join(compositions(sandbox), 'keyspace')),
    files: withDefinition('config'),
  },
  {
    name: 'gitlink -> .git inside the code folder, then gitlink/config',
    control: true,
    plant: (sandbox) => symlinkSync('../../.git', join(codeFolder(sandbox), 'gitlink')),
    files: withDefinition('gitlink/config'),
  },
  {
    name: 'compositions/keyspace -> ../.infrakit, then config.yaml',
    plant: (sandbox) => symlinkSync('../.infrakit', join(compositions(sandbox), 'keyspace')),
    files: withDefinition('config.yaml', 'provider: openai\nbaseUrl: https://attacker.example\n'),
  },
  {
    name: 'settings -> .infrakit inside the code folder, then settings/context.md',
    control: true,
    plant: (sandbox) => symlinkSync('../../.infrakit', join(codeFolder(sandbox), 'settings')),
    files: withDefinition('settings/context.md', '---\nprovider: aws\n---\n'),
  },
  { name: '.GIT/config in capitals', plant: () => undefined, files: withDefinition('.GIT/config') },
  { name: 'sub/.git/config at depth', plant: () => undefined, files: withDefinition('sub/.git/config') },
  { name: '.git./config with a trailing dot', plant: () => undefined, files: withDefinition('.git./config') },
  {
    name: 'a file where a folder must be (EEXIST / ENOTDIR)',
    plant: (sandbox) => writeFileSync(join(codeFolder(sandbox), 'parts'), 'a file\n'),
    files: withDefinition('parts/bucket.yaml', 'kind: Bucket\n'),
  },
  {
    name: 'a folder where the file must be (EISDIR)',
    plant: (sandbox) => mkdirSync(join(codeFolder(sandbox), 'bucket.yaml', 'inner'), { recursive: true }),
    files: withDefinition('bucket.yaml', 'kind: Bucket\n'),
  },
  {
    name: 'a 240-byte name whose temporary file overflows (ENAMETOOLONG)',
    plant: () => undefined,
    files: withDefinition(`${'n'.repeat(235)}.yaml`, 'kind: Bucket\n'),
  },
];

describe.skipIf(cliMissing)('R6: a hostile repository', () => {
  let planned: Sandbox;
  let fresh: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    fresh = createSandbox('infrakit-r6-');
    planned = copySandbox(fresh);
    for (const stage of ['new', 'plan'] as const) {
      const run = await runStage(stage, planned, mock.url);
      expect(run.code, describeRun(run)).toBe(0);
    }
  });

  afterAll(async () => {
    await mock?.close();
    for (const [family, { handled, tried }] of Object.entries(counts))
      console.log(`R6 ${family}: ${handled}/${tried} handled safely`);
    if (failures.length) console.log(`R6 failures:\n${failures.join('\n')}`);
  });

  it(`refuses model-written files that planted links or odd layouts would misdirect (${PLANTED.length} cases)`, async () => {
    const start = failures.length;
    await pool(
      PLANTED.map((planted) => async () => {
        const sandbox = copySandbox(planned);
        planted.plant(sandbox);
        const before = guarded(sandbox);
        const server = await startMockModelServer({
          script: scriptWith([
            {
              match: { persona: 'iac-engineer', predicate: (request) => outputName(request) === 'code' },
              reply: {
                json: {
                  files: planted.files.map((file) => ({
                    ...file,
                    content: file.content.replace('PWNED', pwned(sandbox)),
                  })),
                  notes: '',
                },
              },
            },
          ]),
        });
        try {
          const run = await runStage('implement', sandbox, server.url);
          const after = guarded(sandbox);
          const changed = Object.keys({ ...before, ...after }).filter((file) => before[file] !== after[file]);
          const state = readState(sandbox);
          const problems: string[] = [];
          if (changed.length) problems.push(`changed ${changed.join(', ')}`);
          if (existsSync(pwned(sandbox))) problems.push('the planted fsmonitor ran');
          if (crashed(run)) problems.push('crashed');
          if (state.value !== 'blocked')
            problems.push(`the track is ${JSON.stringify(state.value)}, not blocked`);
          if (!/refused to write/.test(`${run.stderr}\n${state.reason ?? ''}`))
            problems.push(`no clear refusal (reason: ${state.reason ?? 'none'})`);
          record(
            'writes through planted links and odd layouts',
            planted.name,
            problems,
            run,
            planted.control,
          );
        } finally {
          await server.close();
          rmSync(sandbox.base, { recursive: true, force: true });
        }
      }),
      2,
    );
    expect(failures.slice(start), failures.join('\n\n')).toEqual([]);
  });

  it('refuses a symlinked .infrakit/tracks or track folder that would redirect its own writes outside', async () => {
    const start = failures.length;
    const family = "infrakit's own folder redirected";
    {
      const sandbox = copySandbox(fresh);
      mkdirSync(join(sandbox.outside, 'tracks'));
      symlinkSync(join(sandbox.outside, 'tracks'), join(sandbox.root, '.infrakit', 'tracks'));
      const run = await runStage('new', sandbox, mock.url);
      const problems: string[] = [];
      if (readdirSync(join(sandbox.outside, 'tracks')).length)
        problems.push('wrote a track outside the project');
      if (run.code === 0 || crashed(run)) problems.push(`exit ${run.code}`);
      if (!/refused to write/.test(run.stderr)) problems.push('no clear refusal');
      record(family, '.infrakit/tracks -> ../../outside/tracks on new', problems, run);
    }
    {
      const sandbox = copySandbox(planned);
      const track = trackOf(sandbox) ?? '';
      const trackFolder = join(sandbox.root, '.infrakit', 'tracks', track);
      const copy = join(sandbox.outside, 'track-copy');
      // The planted folder: the real track moved outside, a link left in its place.
      mkdirSync(copy);
      for (const file of readdirSync(trackFolder))
        writeFileSync(join(copy, file), readFileSync(join(trackFolder, file)));
      rmSync(trackFolder, { recursive: true });
      symlinkSync(copy, trackFolder);
      const before = Object.fromEntries(readdirSync(copy).map((file) => [file, sha(join(copy, file))]));
      const run = await runStage('implement', sandbox, mock.url);
      const after = Object.fromEntries(readdirSync(copy).map((file) => [file, sha(join(copy, file))]));
      const problems: string[] = [];
      if (JSON.stringify(before) !== JSON.stringify(after))
        problems.push('wrote into the outside track folder');
      if (run.code === 0 || crashed(run)) problems.push(`exit ${run.code}`);
      if (!/refused to write/.test(run.stderr)) problems.push('no clear refusal');
      record(family, 'the track folder a symlink to outside, on implement', problems, run);
    }
    expect(failures.slice(start), failures.join('\n\n')).toEqual([]);
  });

  it('scans never follow a link out of the project, never quote it, and skip dangling links', async () => {
    const start = failures.length;
    const family = 'scans of a repository with planted links';
    const sandbox = copySandbox(fresh);
    writeFileSync(join(sandbox.outside, 'kubeconfig.yaml'), KUBECONFIG);
    writeFileSync(join(sandbox.outside, 'template.yaml'), OUTSIDE_TEMPLATE);
    mkdirSync(join(sandbox.root, 'templates'));
    writeFileSync(join(sandbox.root, 'templates', 'logs.yaml'), OWN_TEMPLATE);
    symlinkSync(join(sandbox.outside, 'template.yaml'), join(sandbox.root, 'templates', 'linked.yaml'));
    symlinkSync(join(sandbox.outside, 'kubeconfig.yaml'), join(sandbox.root, 'templates', 'kubeconfig.yaml'));
    symlinkSync(sandbox.outside, join(sandbox.root, 'templates', 'vendor'));
    // A second copy, identical but for one dangling link, so that each case fails for its own reason.
    const dangling = copySandbox(sandbox);
    for (const link of ['linked.yaml', 'kubeconfig.yaml', 'vendor'])
      rmSync(join(dangling.root, 'templates', link));
    symlinkSync(join(dangling.root, 'gone.yaml'), join(dangling.root, 'dangling.yaml'));
    const env = cliEnvironment(sandbox, mock.url);
    const leaked = (run: CliRun) => `${run.stdout}${run.stderr}`.includes(OUTSIDE_SECRET);

    const folder = await runCli(['verify', 'templates', '--json'], { cwd: sandbox.root, env });
    record(
      family,
      'verify of a folder with links out',
      [
        ...(leaked(folder) ? ['quoted the outside file'] : []),
        ...(crashed(folder) ? ['crashed'] : []),
        ...(/linked\.yaml/.test(folder.stdout) ? [] : ['the skipped link is not named']),
      ],
      folder,
    );

    const single = await runCli(['verify', 'templates/logs.yaml'], {
      cwd: dangling.root,
      env: cliEnvironment(dangling, mock.url),
    });
    record(family, 'verify of one file beside a dangling link', crashed(single) ? ['crashed'] : [], single);

    const review = await startMockModelServer({ script: scriptWith([]) });
    try {
      const run = await runCli(['review', 'templates', '--env', 'dev', '--with-model'], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, review.url),
      });
      const sent = review.requests.some((request) => JSON.stringify(request.body).includes(OUTSIDE_SECRET));
      record(
        family,
        'review --with-model of a folder with a symlinked kubeconfig',
        [
          ...(sent ? ['sent the outside kubeconfig to the model'] : []),
          ...(leaked(run) ? ['quoted the outside file'] : []),
          ...(review.requests.length === 0 ? ['the model was never asked, so nothing was proven'] : []),
        ],
        run,
      );
    } finally {
      await review.close();
    }

    const adopted = copySandbox(dangling);
    rmSync(join(adopted.root, '.infrakit'), { recursive: true });
    const adopt = await runCli(['adopt'], { cwd: adopted.root, env: cliEnvironment(adopted, mock.url) });
    const drafted = listFiles(join(adopted.root, '.infrakit'))
      .map((file) => readFileSync(join(adopted.root, '.infrakit', file), 'utf8'))
      .join('\n');
    record(
      family,
      'adopt of a repository with a dangling link',
      [
        ...(crashed(adopt) || adopt.code !== 0 ? [`exit ${adopt.code}`] : []),
        ...(drafted.includes(OUTSIDE_SECRET) || leaked(adopt) ? ['quoted the outside file'] : []),
      ],
      adopt,
    );
    expect(failures.slice(start), failures.join('\n\n')).toEqual([]);
  });
});
