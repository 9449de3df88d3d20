import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDemoScriptPath, loadDemoScript, type DemoScript } from '../../src/demo/demo-script.js';
import { openRepo } from '../../src/git/repo.js';
import { initProject } from '../../src/project/init.js';
import { packageRoot } from '../../src/util/package-root.js';
import {
  CROSSPLANE_CORE_CRDS,
  findSharedDirectory,
  PROVIDER_CRDS,
} from '../../src/validators/crd-locator.js';
import type { IssuedStep } from '../../src/steps/agent-operations.js';
import { FAKE_CRANK, FAKE_FUNCTION, writeFakeBinary } from '../validators/fake-tools.js';

/** Where the shared CRDs are, or why the tests that need them are skipped. */
export const sharedDirectory = findSharedDirectory(packageRoot());
export const sharedMissing = sharedDirectory
  ? undefined
  : 'the shared CRDs (../shared/crds) are absent, so the verify gate cannot pass';

/** A PATH with git, tar and the FAKE crank and function-go-templating (plumbing only, not a real validation). */
export async function fakeValidatorPath(): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), 'infrakit-steps-bin-'));
  // The fakes are CommonJS scripts: a stray package.json with "type": "module" higher up must not change that.
  await writeFile(join(bin, 'package.json'), '{"type": "commonjs"}\n');
  for (const tool of ['git', 'tar']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    await symlink(found, join(bin, tool));
  }
  await writeFakeBinary(bin, 'crank', FAKE_CRANK);
  await writeFakeBinary(bin, 'function-go-templating', FAKE_FUNCTION);
  return bin;
}

/**
 * The demo's project, built the way `infrakit demo` builds it: a Crossplane project, the worked
 * example's constraints, and the provider CRDs imported when ../shared has them.
 */
export async function demoProject(): Promise<{ projectRoot: string; script: DemoScript }> {
  const home = await realpath(await mkdtemp(join(tmpdir(), 'infrakit-steps-')));
  const projectRoot = join(home, 'project');
  const script = await loadDemoScript(defaultDemoScriptPath());
  await initProject({
    directory: projectRoot,
    cwd: home,
    iac: 'crossplane',
    region: 'eu-west-1',
    templatesDirectory: join(packageRoot(), 'templates'),
  });
  const files = Object.entries(script.constraints).map(([name, content]) => ({
    path: `.infrakit/${name}`,
    content,
  }));
  for (const file of files) await writeFile(join(projectRoot, file.path), file.content);
  await openRepo(projectRoot).commitPaths(
    files.map((file) => file.path),
    'test: the worked example constraints',
  );
  if (sharedDirectory) {
    const { importSchemas } = await import('../../src/schemas/import.js');
    for (const source of [PROVIDER_CRDS, CROSSPLANE_CORE_CRDS])
      await importSchemas(join(sharedDirectory, source), { projectRoot });
  }
  return { projectRoot, script };
}

/**
 * A scripted host agent: answers each persona's steps, in order, with the demo's hand-written
 * answers (replays/), and each question with the demo's scripted user answer.
 */
export async function scriptedAgent(): Promise<(step: IssuedStep) => unknown> {
  const recording = JSON.parse(await readFile(defaultDemoScriptPath(), 'utf8')) as {
    answers: Array<{ answer: string }>;
    exchanges: Array<{ persona: string; response: { data?: unknown } }>;
  };
  const queues = new Map<string, unknown[]>();
  for (const exchange of recording.exchanges) {
    if (exchange.response.data === undefined) continue;
    queues.set(exchange.persona, [...(queues.get(exchange.persona) ?? []), exchange.response.data]);
  }
  return (step) => {
    if (step.kind === 'question') return { answer: recording.answers[step.question!.number - 1].answer };
    const next = queues.get(step.persona)?.shift();
    if (next === undefined) throw new Error(`the scripted agent has no more answers for ${step.persona}`);
    return next;
  };
}
