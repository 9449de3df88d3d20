import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixLine } from '../../src/schemas/discover/schema-roles.js';
import { findBinary } from '../../src/validators/find-binary.js';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

/**
 * The README as a newcomer follows it: init OUTSIDE the clone, setup with answers, a track with the
 * replay provider, plan, implement. Every step runs the CLI (in-process, test/support/run-cli-in-process.ts), keyless.
 */
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const replays = join(repositoryRoot, 'replays');
const PROVIDER = '/work/shared/crds/provider-upjet-aws-v2.6.0';
const CORE = '/work/shared/crds/crossplane-v2.3.4';
const userPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
const cfnLint = await findBinary(['cfn-lint'], userPath);
const git = await findBinary(['git'], userPath);
const crossplaneCli = await findBinary(['crank', 'crossplane'], userPath);
const haveShared = existsSync(PROVIDER) && existsSync(CORE);

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);
if (!cfnLint) console.warn('skipped (CloudFormation newcomer): cfn-lint is not on the PATH');
if (!haveShared) console.warn('skipped (Crossplane newcomer): /work/shared/crds is absent');
if (crossplaneCli) console.warn(`skipped (Crossplane newcomer, blocked path): ${crossplaneCli} is installed`);

const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

interface Recording {
  track: { request: string };
  answers: Array<{ answer: string }>;
}

/** A keyless home: no key, no user config, CI so nothing prompts. */
async function newcomer(path?: string) {
  const home = await temporaryDirectory('infrakit-newcomer-');
  created.push(home);
  const env: NodeJS.ProcessEnv = {
    PATH: path ?? process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    INFRAKIT_CACHE_DIR:
      process.env.INFRAKIT_CACHE_DIR ?? join(process.env.HOME ?? home, '.cache', 'infrakit'),
    CI: 'true',
    NO_COLOR: '1',
  };
  return { home, env, project: join(home, 'my-infra') };
}

async function answersFile(home: string, recordingFile: string): Promise<string> {
  const recording = JSON.parse(await readFile(recordingFile, 'utf8')) as Recording;
  const file = join(home, 'answers.yaml');
  await writeFile(
    file,
    recording.answers.map((entry) => `- ${JSON.stringify(entry.answer)}`).join('\n') + '\n',
  );
  return file;
}

/** The start command of a track, keyless: the recording's request, answers and model answers. */
async function startTrack(
  command: string,
  name: string,
  recording: string,
  where: { home: string; project: string; env: NodeJS.ProcessEnv },
) {
  const { request } = (JSON.parse(await readFile(recording, 'utf8')) as Recording).track;
  const answers = await answersFile(where.home, recording);
  return runCli([command, name, request, '--replay', recording, '--answers', answers], {
    cwd: where.project,
    env: where.env,
  });
}

const SETUP_COMMON = [
  'region: eu-west-1',
  'compliance: [soc2]',
  'network: {topology: "private subnets behind NAT, no public endpoints", privateOnly: true}',
  'resilience: {rpoMinutes: 15, rtoMinutes: 240, multiRegion: false}',
];

describe.skipIf(!cliBuilt || !cfnLint || !git)('a newcomer, CloudFormation, with the real cfn-lint', () => {
  it('init outside the clone, setup, create, plan, implement: done, showing the spec, tasks, files and gates', async () => {
    const { home, env, project } = await newcomer();
    const recording = join(replays, 's3-secure-bucket-cloudformation.replay.json');

    const init = await runCli(['init', project, '--iac', 'cloudformation'], { cwd: repositoryRoot, env });
    expect(init.exitCode, init.stderr).toBe(0);
    expect(project.startsWith(`${repositoryRoot}/`)).toBe(false);
    expect(init.stdout).toContain('schemas: the CloudFormation resource specification ships with infrakit');
    expect(
      execFileSync('git', ['status', '--porcelain'], { cwd: repositoryRoot, encoding: 'utf8' }),
    ).not.toContain('my-infra');

    await writeFile(
      join(home, 'setup.yaml'),
      [
        ...SETUP_COMMON,
        'tags:',
        '  - {key: environment, source: parameter, from: Environment, allowed: [dev, staging, prod]}',
        '  - {key: owner, source: parameter, from: Owner}',
        '  - {key: cost-center, source: parameter, from: CostCenter}',
        '  - {key: data-classification, source: parameter, from: DataClassification, allowed: [public, internal, confidential, restricted]}',
        '  - {key: managed-by, source: constant, value: cloudformation}',
      ].join('\n'),
    );
    const setup = await runCli(['setup', '--answers', join(home, 'setup.yaml')], { cwd: project, env });
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('-region: us-east-1\n+region: eu-west-1');

    const start = await startTrack('create-cloudformation-code', 's3-secure-bucket', recording, {
      home,
      project,
      env,
    });
    expect(start.exitCode, start.stderr).toBe(0);
    expect(start.stderr).not.toContain('API_KEY');
    const track = start.stdout.match(/track (s3-secure-bucket-\d{8}-\d{6}): spec-reviewed/)?.[1] ?? '';
    expect(track).not.toBe('');
    expect(start.stdout).toContain(`Spec: .infrakit/tracks/${track}/spec.md`);
    expect(start.stdout).toContain('  Spec: s3-secure-bucket (CloudFormation)');
    expect(start.stdout).toMatch(/\d+ requirement\(s\)/);
    expect(start.stdout).toContain(`Next: infrakit plan ${track}`);

    const plan = await runCli(['plan', track, '--replay', recording], { cwd: project, env });
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`track ${track}: planned`);
    expect(plan.stdout).toContain(`Tasks (.infrakit/tracks/${track}/tasks.md):`);
    expect(plan.stdout).toMatch(/\n {2}T1: /);
    expect(plan.stdout).toContain(`Next: infrakit implement ${track}`);

    const implement = await runCli(['implement', track, '--replay', recording], { cwd: project, env });
    expect(implement.exitCode, implement.stdout + implement.stderr).toBe(0);
    expect(implement.stdout).toContain(`track ${track}: done`);
    expect(implement.stdout).toContain(
      'Files written (1):\n  templates/s3-secure-bucket/s3-secure-bucket.yaml',
    );
    expect(implement.stdout).toContain('Every gate passed: validator, verify, policy.');
    const state = JSON.parse(
      await readFile(join(project, '.infrakit', 'tracks', track, 'state.json'), 'utf8'),
    ) as {
      snapshot: {
        value: string;
        context: { gates?: Array<{ gate: string; status: string; summary: string }> };
      };
    };
    expect(state.snapshot.value).toBe('done');
    const validator = state.snapshot.context.gates?.find((gate) => gate.gate === 'validator');
    expect(validator?.status).toBe('passed');
    expect(validator?.summary).toMatch(/^cfn-lint: cfn-lint \d+\.\d+\.\d+ passed on 1 template/);
    expect(await readdir(join(project, 'templates', 's3-secure-bucket'))).toContain('s3-secure-bucket.yaml');
  }, 240_000);
});

/** One Crossplane newcomer up to implement; with `schemas: false` init finds none (no INFRAKIT_CRDS). */
async function crossplaneNewcomer(schemas: boolean) {
  const bin = join(await temporaryDirectory('infrakit-newcomer-bin-'), 'bin');
  created.push(resolve(bin, '..'));
  await mkdir(bin);
  await symlink(git ?? 'git', join(bin, 'git'));
  const { home, env, project } = await newcomer(bin);
  if (schemas) Object.assign(env, { INFRAKIT_CRDS: PROVIDER, INFRAKIT_CROSSPLANE_CRDS: CORE });
  // without schemas, a cache of its own: nothing imported by another test counts
  else env.INFRAKIT_CACHE_DIR = join(home, '.cache', 'infrakit');
  const recording = join(replays, 'cassandra-keyspace.replay.json');

  const init = await runCli(['init', project, '--iac', 'crossplane'], { cwd: repositoryRoot, env });
  expect(init.exitCode, init.stderr).toBe(0);
  delete env.INFRAKIT_CRDS;
  delete env.INFRAKIT_CROSSPLANE_CRDS;

  await writeFile(
    join(home, 'setup.yaml'),
    [
      ...SETUP_COMMON,
      'crossplane: {version: v2, apiGroup: platform.acme.com}',
      'tags:',
      '  - {key: environment, source: parameter, from: spec.parameters.environment, allowed: [dev, staging, prod]}',
      '  - {key: owner, source: parameter, from: spec.parameters.owner}',
      '  - {key: cost-center, source: parameter, from: spec.parameters.costCenter}',
      '  - {key: data-classification, source: parameter, from: spec.parameters.dataClassification, allowed: [public, internal, confidential, restricted]}',
      '  - {key: app, source: label, from: app.kubernetes.io/part-of}',
      '  - {key: managed-by, source: constant, value: crossplane}',
    ].join('\n'),
  );
  expect(
    (await runCli(['setup', '--answers', join(home, 'setup.yaml')], { cwd: project, env })).exitCode,
  ).toBe(0);
  const start = await startTrack('new-composition', 'cassandra-keyspace', recording, {
    home,
    project,
    env,
  });
  expect(start.exitCode, start.stderr).toBe(0);
  const track = start.stdout.match(/track (cassandra-keyspace-\d{8}-\d{6}): spec-reviewed/)?.[1] ?? '';
  expect(start.stdout).toContain(`Spec: .infrakit/tracks/${track}/spec.md`);
  const plan = await runCli(['plan', track, '--replay', recording], { cwd: project, env });
  expect(plan.exitCode, plan.stderr).toBe(0);
  expect(plan.stdout).toContain(`Tasks (.infrakit/tracks/${track}/tasks.md):`);

  const implement = await runCli(['implement', track, '--replay', recording], { cwd: project, env });
  return { init, implement, track, project };
}

describe.skipIf(!cliBuilt || !haveShared || Boolean(crossplaneCli) || !git)(
  'a newcomer, Crossplane, without the crossplane CLI',
  () => {
    it('init imports the schemas, the track ends blocked with the one command that installs the validators', async () => {
      const { init, implement, track, project } = await crossplaneNewcomer(true);
      expect(init.stdout).toMatch(
        /schemas: imported provider-upjet-aws v2\.6\.0, \d+ kinds, from INFRAKIT_CRDS/,
      );
      expect(init.stdout).toMatch(/schemas: imported crossplane v2\.3\.4, 5 kinds/);
      expect(implement.exitCode).toBe(5);
      expect(implement.stdout).toContain(`track ${track}: blocked`);
      expect(implement.stdout).toContain('  compositions/cassandra-keyspace/composition.yaml');
      expect(implement.stdout).toContain(
        '(install: go install github.com/crossplane/crossplane/v2/cmd/crank@v2.2.4 && go install github.com/crossplane-contrib/function-go-templating@v0.12.2)',
      );
      expect(implement.stdout).toContain(`Full gate report: .infrakit/tracks/${track}/gate-report.md`);
      // The schemas init imported are what verify checked against: no field went unchecked.
      const report = await readFile(join(project, '.infrakit', 'tracks', track, 'gate-report.md'), 'utf8');
      expect(report).not.toContain('IK-UNVERIFIABLE');
    }, 240_000);

    it("without schemas: init prints the one line, and the track ends blocked with it as the verify gate's fix, not done", async () => {
      const { init, implement, track } = await crossplaneNewcomer(false);
      const line = fixLine(['crossplane-core', 'crossplane-aws']);
      expect(init.stdout).toContain(`  ${line}`);
      expect(implement.exitCode).toBe(5);
      expect(implement.stdout).toContain(`track ${track}: blocked`);
      expect(implement.stdout).toMatch(
        /verify unavailable: verify: no schema is imported for the kinds of the \d+ generated resources, so none could be verified/,
      );
      expect(implement.stdout).toContain(`(install: ${line})`);
    }, 240_000);
  },
);
