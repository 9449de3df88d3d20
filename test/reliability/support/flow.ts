import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cliEnvironment, runCli, type CliRun } from './cli.js';
import { git, type Sandbox } from './project.js';

/** The first command of a full run: a new Crossplane track answering from the answers file. */
export const newArgs = (sandbox: Sandbox) => [
  'new-composition',
  'keyspace',
  'a Cassandra keyspace for my service',
  '--answers',
  sandbox.answers,
];

/** The one track in the sandbox's project, or undefined before `new` created it. */
export function trackOf(sandbox: Sandbox): string | undefined {
  const directory = join(sandbox.root, '.infrakit', 'tracks');
  if (!existsSync(directory)) return undefined;
  return readdirSync(directory).find((name) => statSync(join(directory, name)).isDirectory());
}

/** Runs new → plan → implement as three CLI processes, stopping at the first that does not exit 0. */
export async function runFullFlow(
  sandbox: Sandbox,
  baseUrl: string,
  extra: Record<string, string> = {},
): Promise<CliRun[]> {
  const env = cliEnvironment(sandbox, baseUrl, extra);
  const runs: CliRun[] = [];
  const first = await runCli(newArgs(sandbox), { cwd: sandbox.root, env });
  runs.push(first);
  if (first.code !== 0) return runs;
  for (const command of ['plan', 'implement']) {
    const run = await runCli([command, trackOf(sandbox) ?? 'keyspace', '--answers', sandbox.answers], {
      cwd: sandbox.root,
      env,
    });
    runs.push(run);
    if (run.code !== 0) return runs;
  }
  return runs;
}

/** state.json of the sandbox's track, parsed. */
export function readState(sandbox: Sandbox): {
  value: unknown;
  reason?: string;
  steps: Array<{ number: number; name: string; files: string[] }>;
} {
  const track = trackOf(sandbox);
  if (!track) throw new Error('no track');
  const state = JSON.parse(
    readFileSync(join(sandbox.root, '.infrakit', 'tracks', track, 'state.json'), 'utf8'),
  );
  return {
    value: state.snapshot.value,
    reason: state.snapshot.context.reason,
    steps: state.snapshot.context.steps,
  };
}

/** Every file under `directory` (relative, sorted), skipping `.git`. */
export function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === '.git' && current === directory) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(directory, path));
    }
  };
  walk(directory);
  return found.sort();
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);

/** Files whose content does not depend on the clock: artifacts and code. */
const STABLE = /(^|\/)(request|spec|qa|plan|tasks|review-[a-z-]+)\.(md|json)$|^compositions\//;

/**
 * What must be equal between an uninterrupted run and a killed-then-resumed one: the resting
 * state and reason, the steps (number, name, files), the project's file list, the content of
 * every clock-independent artifact, and the step commit subjects.
 */
export function finalState(sandbox: Sandbox) {
  const track = trackOf(sandbox) ?? 'none';
  const normalised = JSON.stringify(collectState(sandbox)).split(track).join('TRACK');
  return JSON.parse(normalised) as ReturnType<typeof collectState>;
}

function collectState(sandbox: Sandbox) {
  const state = readState(sandbox);
  const files = listFiles(sandbox.root).filter((file) => !file.endsWith('/.lock'));
  return {
    value: state.value,
    reason: state.reason,
    steps: state.steps.map((step) => `${step.number} ${step.name} ${[...step.files].sort().join(',')}`),
    files,
    contents: Object.fromEntries(
      files
        .filter((file) => STABLE.test(file.replace(/^\.infrakit\/tracks\/[^/]+\//, '')))
        .map((file) => [file, sha(join(sandbox.root, file))]),
    ),
    commits: git(sandbox.root, ['log', '--reverse', '--format=%s']).trim().split('\n'),
  };
}

/**
 * The final state without what legitimately varies between runs: the two reviews run in
 * parallel, so which one gets the lower step number depends on which answers first.
 */
export function comparable(state: ReturnType<typeof finalState>) {
  const unnumbered = (text: string) => text.replace(/step \d+ /g, 'step N ').replace(/^\d+ /, '');
  return {
    ...state,
    steps: state.steps.map(unnumbered).sort(),
    commits: state.commits.map(unnumbered).sort(),
  };
}
