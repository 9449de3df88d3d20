import { execFileSync } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import type { Gate, GateResult } from '../../src/gate/types.js';
import { parseSources } from '../../src/iac/parse.js';
import { createPolicyGate } from '../../src/policy/gate.js';
import type { PipelineDeps } from '../../src/pipeline/deps.js';
import type { MockModelServer, MockRule } from '../support/mock-model-server.js';
import { fakeDeps } from '../pipeline/fake-deps.js';

/** Copies a shipped example into a fresh git repository: the "existing code". */
export async function exampleProject(example: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ik-brownfield-'));
  await cp(join(import.meta.dirname, '..', '..', 'examples', example), root, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A'], { cwd: root });
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'existing code'],
    { cwd: root },
  );
  return root;
}

/** The real policy gate (the one that catches loosened encryption). */
export const realPolicyGate: Gate = (input) =>
  createPolicyGate({ parse: (files, root) => parseSources(files, { root }) })(input);

/** A validator stand-in for tools this machine cannot run (crank); it says so in its summary. */
export const standInValidator: Gate = async (): Promise<GateResult> => ({
  gate: 'validator',
  status: 'passed',
  summary: 'stand-in validator for the test (the real tool is not installable here)',
  ran: ['test stand-in'],
});

/** Deps pointed at the mock model server through the real Anthropic adapter; the policy gate is real. */
export async function mockDeps(
  root: string,
  server: MockModelServer,
  validator: Gate = standInValidator,
): Promise<{ deps: PipelineDeps; asked: string[] }> {
  const resolved = await resolveProviderSettings({
    projectDir: root,
    env: {
      ANTHROPIC_API_KEY: 'test-key',
      INFRAKIT_PROVIDER: 'anthropic',
      INFRAKIT_BASE_URL: server.anthropicBaseUrl,
    },
    userConfigFile: join(root, 'no-user-config.yaml'),
  });
  const factory = createModelClientFactory(resolved, { retryBaseDelayMs: 0 });
  const asked: string[] = [];
  const built = fakeDeps(root, {
    ask: async (question) => {
      asked.push(question.key);
      return 'staging only';
    },
  });
  built.deps.modelFor = (persona) => factory(persona.id);
  built.deps.gates = { validator, verify: built.deps.gates.verify, policy: realPolicyGate };
  return { deps: built.deps, asked };
}

/** The scripted personas of an update track: one question, a change spec, two approvals, the plan and the edits. */
export function updateScript(plan: unknown, edits: unknown): MockRule[] {
  const approve = { json: { verdict: 'APPROVE', summary: 'The change is small and safe.', findings: [] } };
  return [
    {
      match: { persona: 'solutions-engineer' },
      reply: {
        json: {
          question: {
            key: 'environments',
            text: 'Which environments should change?',
            options: ['staging only', 'all'],
          },
          spec: null,
        },
      },
      times: 1,
    },
    {
      match: { persona: 'solutions-engineer' },
      reply: {
        json: { question: null, spec: '# Change\n\nR1. Make the change asked for, and nothing else.' },
      },
    },
    { match: { persona: 'architect' }, reply: approve },
    { match: { persona: 'security-engineer' }, reply: approve },
    { match: { persona: 'iac-engineer' }, reply: { json: plan }, times: 1 },
    { match: { persona: 'iac-engineer' }, reply: { json: edits } },
  ];
}
