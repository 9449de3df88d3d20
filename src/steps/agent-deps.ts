import type { Question } from '../../machines/relay-types.js';
import type { ModelClient } from '../../providers/types.js';
import { openRepo } from '../git/repo.js';
import type { Persona } from '../personas/schema.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import type { TrackSession } from '../pipeline/session.js';
import { defaultPersonasDir } from '../personas/load.js';
import { packageRoot } from '../util/package-root.js';
import { findSharedDirectory } from '../validators/crd-locator.js';
import { createHostAgentClient } from './host-agent-client.js';
import { questionStepId, type StepDesk } from './step-desk.js';

/** What a host-agent drive needs from outside: the project, the environment the validators run in, a clock. */
export interface AgentEnvironment {
  projectRoot: string;
  /** Variables the validators see (PATH, INFRAKIT_SHARED_DIR, ...); process.env in the CLI and the MCP server. */
  env: NodeJS.ProcessEnv;
  now?: () => Date;
  pid?: number;
  personasDir?: string;
  /** Diagnostics (never required). */
  progress?: (message: string) => void;
}

/**
 * The pipeline's deps for a track driven by a host agent: no API key, no model client. Persona
 * calls and questions go to the step desk; the gates are the real ones, run by infrakit.
 */
export async function agentPipelineDeps(environment: AgentEnvironment): Promise<PipelineDeps> {
  const { projectRoot, env } = environment;
  const { demoGates } = await import('../demo/demo-gates.js');
  const sharedDirectory = findSharedDirectory(packageRoot(), env.INFRAKIT_SHARED_DIR);
  const nowhere = (): never => {
    throw new Error('a host-agent drive needs its step desk (withStepDesk)');
  };
  return {
    projectRoot,
    personasDir: environment.personasDir ?? defaultPersonasDir(),
    modelFor: nowhere,
    priceOf: () => undefined,
    // The same three real gates as the demo's: validator, field verifier, policy.
    gates: await demoGates(env, sharedDirectory, () => undefined),
    ask: nowhere,
    repo: openRepo(projectRoot),
    now: environment.now ?? (() => new Date()),
    // The agent has the schema lookups as MCP tools of its own; the relay asks for the answer directly.
    lookupTools: async () => [],
    schemaLock: async (files) => {
      const { schemaLockOfFiles } = await import('../schemas/files-schema-lock.js');
      return schemaLockOfFiles(projectRoot, files);
    },
    maxToolRounds: 0,
    progress: environment.progress ?? (() => undefined),
    pid: environment.pid ?? process.pid,
  };
}

/**
 * A model the drive may call itself instead of parking persona steps for the agent: the MCP
 * client's own model through sampling (track_run). Each persona call is still one isolated request.
 */
export interface DriveModel {
  modelFor(persona: Persona): ModelClient;
  /** Asks the user directly (MCP elicitation); undefined when they would not, and the question becomes a step. */
  ask?(question: Question, number: number): Promise<string | undefined>;
  /** Stops the drive (the tool call was cancelled). */
  signal?: AbortSignal;
}

/**
 * The session with its persona calls and questions routed to the desk of this drive, or, with a
 * drive model, persona calls to that model and questions to its user, and to the desk otherwise.
 */
export function withStepDesk(session: TrackSession, desk: StepDesk, model?: DriveModel): TrackSession {
  return {
    ...session,
    deps: {
      ...session.deps,
      modelFor: (persona) => model?.modelFor(persona) ?? createHostAgentClient(desk, persona),
      ask: async (question, number) => {
        const id = questionStepId(question, number);
        const stored = await desk.take(id, id, 'user');
        if (stored) return (stored.data as { answer: string }).answer;
        const answered = await model?.ask?.(question, number);
        if (answered !== undefined) return answered;
        return desk.park(
          {
            id,
            kind: 'question',
            persona: 'user',
            title: `Question ${number} for the user (from the Solutions Engineer)`,
            output: 'answer',
            task: id,
            system: [],
            prompt: question.text,
            question: { number, ...question },
          },
          session.deps.signal,
        );
      },
    },
  };
}
