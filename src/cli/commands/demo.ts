import { Option, type Command } from 'commander';
import type { IacTool } from '../../constraints/schema.js';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

interface DemoFlags {
  keep?: string;
  iac?: IacTool;
}

const HEADINGS: Record<string, string> = {
  setup: '▸ Setting up the project',
  question:
    '▸ Cloud Solutions Engineer: clarifying questions, one at a time (answers are the scripted user’s)',
  gate: '▸ The gates (real: nothing here is scripted)',
  code: '▸ IaC Engineer: the code',
  repair: '▸ IaC Engineer: a repair round, with the gate report',
};

/** `infrakit demo`: the whole relay on a scripted conversation, offline, with the real pipeline and gates. */
export const demoCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('demo')
    .description(
      "watch the whole relay offline: a tool's worked example replayed as a scripted conversation through the real pipeline, git commits and gates (no key, no network)",
    )
    .addOption(
      new Option(
        '--iac <tool>',
        'whose worked example: crossplane (a Cassandra keyspace), terraform or cloudformation (a secure S3 bucket)',
      )
        .choices(['crossplane', 'terraform', 'cloudformation'])
        .default('crossplane'),
    )
    .option(
      '--keep <dir>',
      'create the demo project here (an empty or new folder) instead of a temporary one',
    )
    .action(action(runDemoCommand));
  withExamples(
    command,
    'infrakit demo',
    'infrakit demo --iac cloudformation',
    'infrakit demo --keep ./demo-project',
    'infrakit demo --json',
  );
  command.addHelpText(
    'after',
    '\nEvery persona answer is read from a hand-written file (replays/<example>.replay.json) and labelled\n' +
      '"scripted replay — not a live model". The pipeline, its commits and the gates are real.\n' +
      'Exit codes: 0 done (every gate passed), 5 blocked (the output names the command that unblocks it).\n',
  );
};

async function runDemoCommand(io: CliIO, flags: DemoFlags): Promise<number> {
  const iac = flags.iac ?? 'crossplane';
  const [{ runDemo }, view, { SCRIPTED_NOTICE }, { WORKED_EXAMPLES }] = await Promise.all([
    import('../../demo/run-demo.js'),
    import('../../demo/demo-view.js'),
    import('../../demo/demo-script.js'),
    import('../../demo/build-script.js'),
  ]);
  const { style } = io;
  const width = process.stdout.columns ?? (Number(io.env.COLUMNS) || 80);
  io.say(style.bold(`infrakit demo — ${SCRIPTED_NOTICE}`));
  io.say(
    style.dim(
      `The personas’ answers are read from a hand-written script built from ${WORKED_EXAMPLES[iac].source}.\n` +
        'The pipeline around them is real: the state machine, the track files, one git commit per step, and the gates.',
    ),
  );
  let lastKind = '';
  let reviews: Array<{ persona: string; review: import('../../pipeline/output-schemas.js').ReviewResult }> =
    [];
  const flushReviews = () => {
    if (reviews.length) io.say(`\n${view.renderReviews(reviews, width, style)}`);
    reviews = [];
  };
  const result = await runDemo({
    keep: flags.keep,
    iac,
    cwd: io.cwd,
    env: io.env,
    listener: (event) => {
      if (event.kind === 'progress') return;
      if (event.kind === 'review') {
        reviews.push({ persona: event.persona, review: event.review });
        lastKind = event.kind;
        return;
      }
      flushReviews();
      const kind = event.kind === 'code' && event.repair ? 'repair' : event.kind;
      const heading = kind !== lastKind ? HEADINGS[kind] : undefined;
      if (heading && !(event.kind === 'question' && lastKind === 'spec')) io.say(`\n${style.bold(heading)}`);
      const text = view.renderEvent(event, style);
      if (text) io.say(text);
      lastKind = kind;
    },
  });
  flushReviews();
  io.say(view.renderEnding(result, Boolean(flags.keep), style));
  io.result(result);
  if (result.state === 'done') return 0;
  return 5;
}
