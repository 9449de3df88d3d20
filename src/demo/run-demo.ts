import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { costOf } from '../../providers/pricing.js';
import { parseRecording } from '../../providers/replay/recording-format.js';
import { createReplayClient, type ReplayCursor } from '../../providers/replay/replay-client.js';
import type { IacTool } from '../constraints/schema.js';
import { ConfigError } from '../errors/index.js';
import type { GateResult } from '../gate/types.js';
import { openRepo } from '../git/repo.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { startRelay, type RelayOutcome } from '../pipeline/operations.js';
import { defaultPersonasDir } from '../personas/load.js';
import { packageRoot } from '../util/package-root.js';
import { findSharedDirectory, PROVIDER_CRDS, CROSSPLANE_CORE_CRDS } from '../validators/crd-locator.js';
import type { DemoEvent, DemoListener } from './demo-events.js';
import { defaultDemoScriptPath, loadDemoScript, SCRIPTED_NOTICE } from './demo-script.js';
import { demoGates } from './demo-gates.js';
import { observedClient } from './observed-client.js';

/**
 * Imports the schemas the demo project needs through init's search, and says what it imported or
 * the one line that imports what is missing (the line init prints). The demo project lives in a
 * temporary folder, so the shared CRD folders found beside the infrakit package are named to the
 * search (the provider subset and Crossplane's core CRDs) unless the user named others. Returns
 * that line ('' when nothing is missing).
 */
async function prepareSchemas(
  projectRoot: string,
  iac: IacTool,
  env: NodeJS.ProcessEnv,
  sharedDirectory: string | undefined,
  listener: DemoListener,
): Promise<string> {
  if (iac !== 'crossplane') return '';
  const { prepareProjectSchemas } = await import('../schemas/discover/prepare-schemas.js');
  const named = (variable: string, folder: string) =>
    env[variable] ?? (sharedDirectory ? join(sharedDirectory, folder) : undefined);
  const searched: NodeJS.ProcessEnv = { ...env };
  for (const [variable, folder] of [
    ['INFRAKIT_CRDS', PROVIDER_CRDS],
    ['INFRAKIT_CROSSPLANE_CRDS', CROSSPLANE_CORE_CRDS],
  ] as const) {
    const value = named(variable, folder);
    if (value) searched[variable] = value;
  }
  const prepared = await prepareProjectSchemas({ projectRoot, iac, env: searched });
  for (const source of prepared.imported)
    listener({
      kind: 'setup',
      title: `schemas: imported ${source.name} ${source.version}`,
      detail: `${source.kinds} kinds, from ${source.path}${source.fromCache ? ' (from the user cache)' : ''}`,
    });
  if (prepared.missing.length)
    listener({
      kind: 'setup',
      title: 'schemas: not found, so the verify gate cannot check the generated kinds',
      detail: prepared.fix,
      command: true,
    });
  return prepared.fix;
}

/** What `infrakit demo` was asked to do; every side effect's source is injectable. */
export interface DemoOptions {
  /** Keep the project here (must be empty or absent); a new temporary folder otherwise. */
  keep?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  listener: DemoListener;
  /** The demo file; the shipped one of `iac` by default. */
  scriptFile?: string;
  /** Which tool's worked example to replay (Crossplane by default). */
  iac?: IacTool;
  now?: () => Date;
}

/** How the demo ended. `done` only when every gate really passed. */
export interface DemoResult {
  projectRoot: string;
  track: string;
  state: string;
  reason?: string;
  gates: GateResult[];
  /** The exact commands that would unblock a gate that could not run. */
  unblock: string[];
  /** Commit subjects of the demo project, oldest first. */
  commits: string[];
  steps: number;
  scripted: true;
  notice: string;
}

/**
 * Runs the whole relay offline: init a Crossplane project, apply the worked example's
 * constraints, import the provider CRDs when ../shared has them, then replay the scripted
 * conversation through the real pipeline (machine, track files, git commits, gates).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { listener, env } = options;
  const root = packageRoot();
  const scriptFile = options.scriptFile ?? defaultDemoScriptPath(root, options.iac);
  const script = await loadDemoScript(scriptFile);
  const iac = script.track.tool;
  const projectRoot = options.keep
    ? resolve(options.cwd, options.keep)
    : join(await mkdtemp(join(tmpdir(), 'infrakit-demo-')), 'project');

  const { initProject } = await import('../project/init.js');
  const init = await initProject({
    directory: projectRoot,
    cwd: options.cwd,
    iac,
    region: 'eu-west-1',
    templatesDirectory: join(root, 'templates'),
  });
  listener({
    kind: 'setup',
    title: `infrakit init --iac ${iac}`,
    detail: `${projectRoot} (${init.files.length} files, committed)`,
  });

  const repo = openRepo(projectRoot);
  const constraintFiles = Object.entries(script.constraints).map(([name, content]) => ({
    path: `.infrakit/${name}`,
    content,
  }));
  for (const file of constraintFiles) await writeFile(join(projectRoot, file.path), file.content);
  await repo.commitPaths(
    constraintFiles.map((file) => file.path),
    `demo: the worked example's constraints (${script.source})`,
  );
  listener({
    kind: 'setup',
    title: "applied the worked example's constraints",
    detail: `${constraintFiles.map((file) => file.path).join(', ')} from ${script.source} (a fictional platform team; committed)`,
  });

  // The schemas come through init's own search (src/schemas/discover), as for any new project.
  const sharedDirectory =
    iac === 'crossplane' ? findSharedDirectory(root, env.INFRAKIT_SHARED_DIR) : undefined;
  const schemasFix = await prepareSchemas(projectRoot, iac, env, sharedDirectory, listener);

  const outcome = await replay(projectRoot, scriptFile, script, sharedDirectory, options);
  const log = await repo.log(1000);
  return {
    projectRoot,
    track: outcome.track,
    state: outcome.state,
    reason: outcome.reason,
    gates: outcome.gates,
    unblock: [...(await unblockCommands(outcome.gates, projectRoot, env, iac, schemasFix))],
    commits: log.map((entry) => entry.message).reverse(),
    steps: outcome.context.steps.length,
    scripted: true,
    notice: SCRIPTED_NOTICE,
  };
}

async function replay(
  projectRoot: string,
  scriptFile: string,
  script: Awaited<ReturnType<typeof loadDemoScript>>,
  sharedDirectory: string | undefined,
  options: DemoOptions,
): Promise<RelayOutcome & { gates: GateResult[] }> {
  const { readFile } = await import('node:fs/promises');
  const recording = parseRecording(await readFile(scriptFile, 'utf8'), scriptFile);
  if (!recording.scripted)
    throw new ConfigError(`${scriptFile}: the demo plays only recordings marked "scripted": true`);
  const cursor: ReplayCursor = new Map();
  const client = createReplayClient(recording, cursor);
  const gates: GateResult[] = [];
  const counter = { codeCalls: 0 };
  const listener = (event: DemoEvent) => {
    if (event.kind === 'gate') gates.push(event.result);
    options.listener(event);
  };
  const { createLookupTools } = await import('../schemas/lookup-tools.js');
  const deps: PipelineDeps = {
    projectRoot,
    personasDir: defaultPersonasDir(),
    modelFor: (persona) => observedClient(client, persona, listener, counter),
    priceOf: (usage) => costOf(usage),
    gates: await demoGates(options.env, sharedDirectory, listener),
    ask: async (question, number) => {
      const scripted = script.answers[number - 1];
      const answer = scripted?.answer ?? 'No preference: choose the default the constraints imply.';
      listener({
        kind: 'question',
        number,
        persona: 'Cloud Solutions Engineer',
        question: question.text,
        answer,
      });
      return answer;
    },
    repo: openRepo(projectRoot),
    now: options.now ?? (() => new Date()),
    lookupTools: () => createLookupTools(projectRoot).catch(() => []),
    schemaLock: (files) => schemaLock(projectRoot, files),
    maxToolRounds: 8,
    progress: (message) => listener({ kind: 'progress', message }),
    pid: process.pid,
  };
  const outcome = await startRelay(
    deps,
    {
      name: script.track.name,
      tool: script.track.tool,
      request: script.track.request,
      environment: script.track.environment,
    },
    { maxQuestions: script.answers.length, maxRevisions: 0 },
    'implement',
  );
  return { ...outcome, gates };
}

/**
 * The one command that unblocks the demo. For the Crossplane validator it installs every missing
 * validator in one line (crank and function-go-templating, when both are missing: the gate stops at
 * the first), and first sets INFRAKIT_SHARED_DIR when the shared CRDs were not found.
 */
async function unblockCommands(
  gates: GateResult[],
  projectRoot: string,
  env: NodeJS.ProcessEnv,
  iac: IacTool,
  schemasFix: string,
): Promise<string[]> {
  const unavailable = gates.filter((gate) => gate.status === 'unavailable');
  const validatorMissing = iac === 'crossplane' && unavailable.some((gate) => gate.gate === 'validator');
  const commands = unavailable
    .filter((gate) => !(validatorMissing && gate.gate === 'validator'))
    .flatMap((gate) => (gate.installHint ? [gate.installHint] : []));
  const installs: string[] = [];
  if (validatorMissing) {
    const [{ detectValidator }, { loadPinnedTools }, { processValidatorEnvironment }] = await Promise.all([
      import('../validators/detect.js'),
      import('../validators/pinned-tools.js'),
      import('../validators/validator-environment.js'),
    ]);
    const pinned = await loadPinnedTools();
    for (const name of ['crank', 'function-go-templating']) {
      const detected = await detectValidator(name, pinned, processValidatorEnvironment(env), projectRoot);
      if (!detected.present) installs.push(detected.installCommand);
    }
  }
  // The schemas first, in the one line init prints (the verify gate's own hint is then the same).
  return [
    ...new Set([
      ...(schemasFix ? [schemasFix] : []),
      ...(installs.length ? [installs.join(' && ')] : []),
      ...commands,
    ]),
  ];
}

async function schemaLock(projectRoot: string, files: string[]): Promise<unknown> {
  const { schemaLockOfFiles } = await import('../schemas/files-schema-lock.js');
  return schemaLockOfFiles(projectRoot, files);
}
