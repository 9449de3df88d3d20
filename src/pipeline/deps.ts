import type { Question } from '../../machines/relay-types.js';
import type { ToolDefinition, ModelClient, Usage } from '../../providers/types.js';
import type { Gate } from '../gate/types.js';
import type { Repo } from '../git/repo.js';
import type { Persona } from '../personas/schema.js';

/** A schema lookup tool the IaC Engineer may call (src/schemas/lookup-tools.ts). */
export interface LookupTool {
  definition: ToolDefinition;
  run(input: unknown): Promise<string>;
}

/** The three gates that guard `done`. */
export interface PipelineGates {
  validator: Gate;
  verify: Gate;
  policy: Gate;
}

/**
 * Every side effect the pipeline has, in one object: the CLI builds the real one
 * (src/pipeline/real-deps.ts), tests build theirs with test/pipeline/fake-deps.ts.
 */
export interface PipelineDeps {
  projectRoot: string;
  personasDir: string;
  /** A model client for this persona (provider, model and base URL resolved by the caller). */
  modelFor(persona: Persona): ModelClient;
  /** Dollars for one call's usage, when the model's price is known. */
  priceOf(usage: Usage): number | undefined;
  gates: PipelineGates;
  /** Asks the user one clarifying question (TTY prompt or --answers file); `number` is 1-based. */
  ask(question: Question, number: number): Promise<string>;
  repo: Repo;
  now(): Date;
  /** Schema lookup tools for the IaC Engineer; empty when the schema module is not available. */
  lookupTools(): Promise<LookupTool[]>;
  /** schema.lock.json content for the generated files (schemas used, versions, hashes); may throw when no schemas are imported. */
  schemaLock?(files: string[]): Promise<unknown>;
  /** Upper bound on tool-use rounds in one IaC Engineer call. */
  maxToolRounds: number;
  /** Progress lines for the terminal (never required). */
  progress(message: string): void;
  signal?: AbortSignal;
  /** The pid written into the track lock. */
  pid: number;
}
