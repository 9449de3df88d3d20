import { Option, type Command } from 'commander';

/** Options shared by every relay command (parsed by commander, checked in relay-runtime.ts). */
export interface RelayCommandOptions {
  provider?: string;
  model?: string;
  baseUrl?: string;
  answers?: string;
  yes?: boolean;
  maxCost?: string;
  env?: string;
  maxQuestions?: string;
  through?: string;
  track?: string;
  withModel?: boolean;
  replay?: string;
}

/**
 * Most clarifying questions when neither --max-questions nor `maxQuestions` in .infrakit/config.yaml
 * says otherwise. Six: the shipped worked example (replays/cassandra-keyspace.replay.json) asks six.
 */
export const DEFAULT_MAX_QUESTIONS = 6;

/** Adds --provider, --model, --base-url, --replay, --answers, --yes, --max-cost and --env to a relay command. */
export function addRelayOptions(command: Command): Command {
  return command
    .option(
      '--provider <name>',
      'model provider: anthropic, openai or openai-compatible (default from config)',
    )
    .option('--model <id>', 'model id, e.g. claude-sonnet-4-6 or gpt-4.1')
    .option('--base-url <url>', 'API base URL (OpenAI-compatible servers such as Ollama or vLLM)')
    .option(
      '--replay <recording>',
      'play back a recording instead of calling a model (no key needed), e.g. replays/cassandra-keyspace.replay.json',
    )
    .option(
      '--answers <file>',
      'answers to clarifying questions: a YAML list (in order) or map (by question key)',
    )
    .option('--yes', 'do not ask for confirmation')
    .option(
      '--max-cost <budget>',
      'per-track budget: dollars (2.50) or tokens (200000tok); blocks before a call would exceed it',
    )
    .option('--env <name>', 'target environment from .infrakit/context.md (e.g. dev, prod)');
}

/** Adds the options of the three start commands (new-composition, create-terraform-code, create-cloudformation-code). */
export function addStartOptions(command: Command): Command {
  return addRelayOptions(command)
    .argument('<name>', 'kebab-case name of what to build, e.g. cassandra-keyspace')
    .argument('[request...]', 'what you need, in plain words (asked for when omitted in a terminal)')
    .addOption(
      new Option('--through <step>', 'continue past the reviews: plan or implement').choices([
        'plan',
        'implement',
      ]),
    )
    .option(
      '--max-questions <n>',
      `most clarifying questions the Solutions Engineer may ask (default ${DEFAULT_MAX_QUESTIONS})`,
    );
}

/** Exit codes every relay command documents in --help. */
export const RELAY_EXIT_CODES =
  '\nExit codes: 0 done or stopped at a review point, 2 bad arguments (e.g. no terminal and no --answers),\n' +
  '3 constraints or provider config invalid, 5 blocked (gate, budget, rejected spec, or track in use by another process), 6 provider error.\n';
