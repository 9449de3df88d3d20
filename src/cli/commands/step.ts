import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { DEFAULT_MAX_QUESTIONS } from '../relay-options.js';

interface StartFlags {
  iac?: string;
  env?: string;
  through?: string;
  maxQuestions?: string;
}
interface NextFlags {
  advance?: string;
}
interface SubmitFlags {
  step?: string;
  answer?: string;
  answeredBy?: string;
}

const STEP_EXIT_CODES =
  '\nExit codes: 0 a step is pending, or the track rests or is done; 2 bad arguments or a refused answer\n' +
  '(the reason and the expected step are printed; nothing was stored); 5 the track is blocked or failed,\n' +
  'or another process holds its lock. See docs/commands/step.md.\n';

/**
 * `infrakit step start|next|submit`: the relay driven one step at a time by a coding agent, with
 * no API key. infrakit sequences the steps, commits the track and runs the gates.
 */
export const stepCommand: CommandDefinition = (program: Command) => {
  const step = program
    .command('step')
    .description(
      'drive a track one persona step at a time from a coding agent (no API key; infrakit runs the gates)',
    );
  const start = step
    .command('start')
    .description('start a track in agent mode and print its first pending step')
    .argument('<name>', 'kebab-case name of what you are building')
    .argument('[request...]', "the user's request, in their words")
    .requiredOption('--iac <tool>', 'crossplane, terraform or cloudformation')
    .option('--env <environment>', 'an environment of .infrakit/context.md')
    .option('--through <stop>', 'spec (default), plan or implement: how far the relay goes before it rests')
    .option('--max-questions <n>', `clarifying questions at most (default ${DEFAULT_MAX_QUESTIONS})`)
    .action(action(runStart));
  withExamples(
    start,
    'infrakit step start cassandra-keyspace --iac crossplane "a Cassandra keyspace for my service" --json',
    'infrakit step start bucket --iac terraform --through implement "an S3 bucket for logs" --json',
  );
  start.addHelpText('after', STEP_EXIT_CODES);
  const next = step
    .command('next')
    .description("print a track's pending steps: persona, isolated prompt, answer schema and step id")
    .argument('<track>', 'track id or name')
    .option(
      '--advance <move>',
      'plan or implement: move on from a resting track; retry: re-run a blocked step',
    )
    .action(action(runNext));
  withExamples(
    next,
    'infrakit step next cassandra-keyspace --json',
    'infrakit step next cassandra-keyspace --advance plan --json',
  );
  next.addHelpText('after', STEP_EXIT_CODES);
  const submit = step
    .command('submit')
    .description(
      "submit the answer of one pending step (JSON matching the step's schema); the relay moves on",
    )
    .argument('<track>', 'track id or name')
    .requiredOption('--step <id>', 'the id of the pending step')
    .requiredOption('--answer <file>', 'the answer: a JSON file, or - to read it from stdin')
    .option('--answered-by <name>', 'who answered, for the ledger and status (e.g. claude-code)')
    .action(action(runSubmit));
  withExamples(
    submit,
    'infrakit step submit cassandra-keyspace --step architect-1a2b3c4d5e6f --answer review.json --json',
    `echo '{"answer":"on-demand"}' | infrakit step submit cassandra-keyspace --step question-3-0a1b2c3d4e5f --answer - --json`,
  );
  submit.addHelpText('after', STEP_EXIT_CODES);
};

async function show(
  io: CliIO,
  report: import('../../steps/agent-operations.js').StepReport,
): Promise<number> {
  const { renderStepReport, stepExitCode } = await import('../step-view.js');
  io.result(report, renderStepReport(report, io.style));
  return stepExitCode(report);
}

async function environment(io: CliIO) {
  const { relayProjectRoot } = await import('../relay-runtime.js');
  return {
    projectRoot: await relayProjectRoot(io),
    env: io.env,
    progress: (line: string) => io.warn(io.style.dim(line)),
  };
}

async function runStart(io: CliIO, flags: StartFlags, name: string, words: string[]): Promise<number> {
  const [{ UsageError }, { checkName }, { IacToolSchema }, { environmentOf }, { startAgentTrack }] =
    await Promise.all([
      import('../../errors/index.js'),
      import('../../tracks/naming.js'),
      import('../../constraints/schema.js'),
      import('../relay-commands.js'),
      import('../../steps/agent-operations.js'),
    ]);
  checkName(name);
  const tool = IacToolSchema.safeParse(flags.iac);
  if (!tool.success)
    throw new UsageError(`--iac ${flags.iac}: expected crossplane, terraform or cloudformation`);
  const through = flags.through ?? 'spec';
  if (through !== 'spec' && through !== 'plan' && through !== 'implement')
    throw new UsageError(`--through ${through}: expected spec, plan or implement`);
  const maxQuestions = flags.maxQuestions === undefined ? DEFAULT_MAX_QUESTIONS : Number(flags.maxQuestions);
  if (!Number.isInteger(maxQuestions) || maxQuestions < 0 || maxQuestions > 20)
    throw new UsageError(`--max-questions ${flags.maxQuestions}: expected a whole number from 0 to 20`);
  const where = await environment(io);
  const request = words.join(' ').trim() || `Create ${name.replace(/-/g, ' ')}.`;
  const report = await startAgentTrack(where, {
    name,
    tool: tool.data,
    request,
    environment: await environmentOf(where.projectRoot, flags.env),
    through,
    maxQuestions,
  });
  return show(io, report);
}

async function runNext(io: CliIO, flags: NextFlags, track: string): Promise<number> {
  const [{ UsageError }, { nextAgentStep }] = await Promise.all([
    import('../../errors/index.js'),
    import('../../steps/agent-operations.js'),
  ]);
  const advance = flags.advance;
  if (advance !== undefined && advance !== 'plan' && advance !== 'implement' && advance !== 'retry')
    throw new UsageError(`--advance ${advance}: expected plan, implement or retry`);
  return show(io, await nextAgentStep(await environment(io), track, advance));
}

async function runSubmit(io: CliIO, flags: SubmitFlags, track: string): Promise<number> {
  const [{ UsageError }, { readFile }, { resolve }, { submitAgentStep }] = await Promise.all([
    import('../../errors/index.js'),
    import('node:fs/promises'),
    import('node:path'),
    import('../../steps/agent-operations.js'),
  ]);
  const source = flags.answer ?? '-';
  let answer: string;
  try {
    answer = source === '-' ? await readStandardInput() : await readFile(resolve(io.cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(`--answer ${source}: cannot be read (${(error as Error).message})`, {
      hint: 'Give a JSON file, or - and the JSON on stdin.',
    });
  }
  return show(
    io,
    await submitAgentStep(await environment(io), track, {
      stepId: flags.step ?? '',
      answer,
      answeredBy: flags.answeredBy,
    }),
  );
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
