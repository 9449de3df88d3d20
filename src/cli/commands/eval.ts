import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

/** Flags of `infrakit eval`. */
export interface EvalCommandOptions {
  provider?: string;
  model?: string;
  baseUrl?: string;
  cases?: string;
  runs: string;
  out?: string;
  only?: string;
  recordTo?: string;
}

/** `infrakit eval`: the four-persona pipeline against a single prompt, scored by the same checks. */
export const evalCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('eval')
    .description(
      'run the eval cases through the InfraKit pipeline and a single-prompt baseline, and score both the same way',
    )
    .option(
      '--provider <name>',
      'anthropic, openai, openai-compatible or replay (recorded, scripted exchanges; no key)',
    )
    .option('--model <name>', 'model name (default: the provider default)')
    .option('--base-url <url>', 'API base URL (openai-compatible servers: include /v1)')
    .option('--cases <dir>', 'folder of case YAML files (default: eval/cases of the infrakit checkout)')
    .option('--runs <n>', 'run every case N times', '1')
    .option('--only <ids>', 'comma-separated case ids to run')
    .option('--out <dir>', 'results folder; <dir>/<date>/<provider>/ is written (default: ./eval/results)')
    .option('--record-to <dir>', 'also write every exchange as replay recordings into <dir>')
    .action(action(runEvalCommand));
  withExamples(
    command,
    'infrakit eval --provider replay --out /tmp/eval',
    'ANTHROPIC_API_KEY=... infrakit eval --provider anthropic --runs 3',
  );
  command.addHelpText(
    'after',
    '\nWithout an API key for the chosen provider it says so and exits 0. See docs/eval.md.\n',
  );
};

async function runEvalCommand(io: CliIO, options: EvalCommandOptions): Promise<number> {
  const runs = Number(options.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    throw new UsageError(`--runs expects a whole number from 1 to 50, got "${options.runs}"`, {
      hint: 'Example: infrakit eval --provider replay --runs 2',
    });
  }
  const { prepareEval } = await import('../../eval/prepare-eval.js');
  const prepared = await prepareEval({
    ...options,
    runs,
    cwd: io.cwd,
    env: io.env,
    progress: (line) => io.warn(line),
  });
  if (prepared.kind === 'no-key') {
    io.warn(
      `${prepared.message}\n  ${prepared.hint}\n  Nothing was run. (Use --provider replay to exercise the harness without a key.)`,
    );
    io.result({ skipped: true, reason: prepared.message }, undefined);
    return 0;
  }
  const { runEval } = await import('../../eval/run-eval.js');
  const { writeEvalResults } = await import('../../eval/write-results.js');
  const { renderEvalSummary } = await import('../eval-view.js');
  const report = await runEval(prepared.dependencies);
  const folder = await writeEvalResults(prepared.outputBase, report);
  io.result(
    { folder, totals: report.totals, scripted: report.scripted },
    renderEvalSummary(report, folder, io.style),
  );
  return 0;
}
