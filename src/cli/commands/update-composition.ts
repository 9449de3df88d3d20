import { Option, type Command } from 'commander';
import type { DiffGateResult } from '../../brownfield/diff-gate.js';
import type { UpdateOutcome } from '../../brownfield/update-track.js';
import type { IacTool } from '../../constraints/schema.js';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, type RelayCommandOptions } from '../relay-options.js';

/** Exit codes of the update commands, shown in --help. */
export const UPDATE_EXIT_CODES =
  '\nExit codes: 0 done (or the diff was not confirmed), 2 bad arguments, 3 constraints or provider config invalid,\n' +
  '5 blocked (validator did not pass or is unavailable, a new finding, a line outside the plan, a rejected change), 6 provider error.\n';

/** Adds the arguments and flags shared by the three update commands. */
export function defineUpdateCommand(
  program: Command,
  name: string,
  tool: IacTool,
  description: string,
  examples: string[],
): void {
  const command = addRelayOptions(program.command(name).description(description))
    .argument('<path>', 'the folder (or file) with the existing code, relative to the project')
    .argument('<change...>', 'the change, in plain words')
    .addOption(
      new Option(
        '--max-questions <n>',
        'most questions the Solutions Engineer may ask about the change (default 3)',
      ),
    )
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, path: string, words: string[]) => {
        return runUpdateCommand(io, tool, path, words.join(' '), options);
      }),
    );
  withExamples(command, ...examples);
  command.addHelpText('after', UPDATE_EXIT_CODES);
}

/** `infrakit update-composition <path> "<change>"`: an update track on an existing Crossplane composition. */
export const updateCompositionCommand: CommandDefinition = (program) =>
  defineUpdateCommand(
    program,
    'update-composition',
    'crossplane',
    'change an existing Crossplane composition: baseline, the change, plan, minimal edits, then the baseline diff gate',
    [
      'infrakit update-composition compositions/cassandra-keyspace "enable point-in-time recovery in staging"',
      'infrakit update-composition compositions/postgresql "multi-AZ in staging" --env staging --answers answers.yaml --yes',
    ],
  );

/** Colours a unified diff for the terminal. */
function colourDiff(io: CliIO, diff: string): string {
  return diff
    .split('\n')
    .map((line) =>
      line.startsWith('+') && !line.startsWith('+++')
        ? io.style.green(line)
        : line.startsWith('-') && !line.startsWith('---')
          ? io.style.red(line)
          : line.startsWith('@@')
            ? io.style.cyan(line)
            : line,
    )
    .join('\n');
}

function gateLines(io: CliIO, gate: DiffGateResult): string[] {
  const lines = gate.gates.map(
    (entry) =>
      `  ${entry.status === 'passed' ? io.style.green('passed') : io.style.yellow(entry.status)}  ${entry.summary}`,
  );
  lines.push(`  new findings: ${gate.newFindings.length}`);
  for (const finding of gate.newFindings)
    lines.push(
      `    ${io.style.red(`[${finding.severity}]`)} ${finding.ruleId} ${finding.resourceName ?? ''} ${finding.location.file}:${finding.location.line}: ${finding.message}`,
    );
  if (gate.fixedFindings.length)
    lines.push(
      `  fixed by this change: ${gate.fixedFindings.map((finding) => `${finding.ruleId} ${finding.resourceName ?? ''}`.trim()).join(', ')}`,
    );
  if (gate.strayLines.length)
    lines.push(
      `  lines outside the plan: ${gate.strayLines.map((stray) => `${stray.file}:${stray.line}`).join(', ')}`,
    );
  return lines;
}

function humanOutcome(io: CliIO, outcome: UpdateOutcome): string {
  const state =
    outcome.state === 'done'
      ? io.style.green('done')
      : outcome.state === 'blocked'
        ? io.style.red('blocked')
        : io.style.yellow('not applied');
  const lines = [`${io.style.bold(outcome.track)}: ${state}`];
  if (outcome.reason) lines.push(`  ${outcome.reason}`);
  lines.push(
    `  baseline: ${outcome.baseline.resources.length} resource(s), ${outcome.baseline.findings.length} finding(s) (.infrakit/tracks/${outcome.track}/baseline.json)`,
  );
  if (outcome.gate) lines.push(...gateLines(io, outcome.gate));
  if (outcome.state === 'blocked') lines.push(`  Details: .infrakit/tracks/${outcome.track}/gate-report.md`);
  return lines.join('\n');
}

/** Runs one update command: flags checked, deps built, the diff shown and confirmed, the outcome printed. */
export async function runUpdateCommand(
  io: CliIO,
  tool: IacTool,
  path: string,
  change: string,
  options: RelayCommandOptions,
): Promise<number> {
  const { InterruptedError, UsageError } = await import('../../errors/index.js');
  const { parseMaxCost } = await import('../../pipeline/budget.js');
  const { buildPipelineDeps, relayProjectRoot, requireAnswerSource } = await import('../relay-runtime.js');
  const { environmentOf, interruptSignal } = await import('../relay-commands.js');
  const { runUpdateTrack } = await import('../../brownfield/update-track.js');
  if (!change.trim())
    throw new UsageError('the change is empty', {
      hint: 'Say what to change, e.g. "enable point-in-time recovery in staging".',
    });
  requireAnswerSource(io, options);
  if (!options.yes && !io.interactive)
    throw new UsageError('no terminal to confirm the diff in, and no --yes', {
      hint: 'Pass --yes to apply the diff after the gate has checked it, or run in a terminal.',
    });
  const maxQuestions = options.maxQuestions === undefined ? 3 : Number(options.maxQuestions);
  if (!Number.isInteger(maxQuestions) || maxQuestions < 0 || maxQuestions > 20)
    throw new UsageError(`--max-questions ${options.maxQuestions}: expected a whole number from 0 to 20`);
  const projectRoot = await relayProjectRoot(io);
  const { resolveUpdateTarget } = await import('../../brownfield/update-target.js');
  await resolveUpdateTarget(projectRoot, path, tool);
  const environment = await environmentOf(projectRoot, options.env);
  const budget = options.maxCost ? parseMaxCost(options.maxCost) : undefined;
  const interrupt = interruptSignal();
  try {
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal);
    const confirm = async ({ diff }: { diff: string }) => {
      io.say(colourDiff(io, diff));
      if (options.yes) return true;
      const { confirm: ask } = await import('@inquirer/prompts');
      return ask({
        message: 'Apply this diff? (the gate runs next and puts the files back if it blocks)',
        default: false,
      });
    };
    const outcome = await runUpdateTrack(
      deps,
      { tool, target: path, change, environment, budget, maxQuestions },
      confirm,
    ).catch(async (error: unknown) => {
      const { stoppedByInterrupt, sameCommandAgain } = await import('../interrupted.js');
      if (!stoppedByInterrupt(error, interrupt.signal)) throw error;
      throw new InterruptedError(`the update of ${path} stopped by Ctrl-C`, {
        kept: 'the update track so far, committed under .infrakit/tracks/ (infrakit status lists it); the code is as it was: edits are only kept once the gate passed',
        resume: sameCommandAgain(),
      });
    });
    io.result(
      {
        track: outcome.track,
        state: outcome.state,
        reason: outcome.reason,
        baseline: {
          resources: outcome.baseline.resources.length,
          findings: outcome.baseline.findings.length,
          gates: outcome.baseline.gates,
        },
        plan: outcome.plan,
        diff: outcome.diff,
        gate: outcome.gate && {
          status: outcome.gate.status,
          reasons: outcome.gate.reasons,
          gates: outcome.gate.gates,
          newFindings: outcome.gate.newFindings,
          fixedFindings: outcome.gate.fixedFindings,
          strayLines: outcome.gate.strayLines,
        },
      },
      humanOutcome(io, outcome),
    );
    return outcome.state === 'blocked' ? 5 : 0;
  } finally {
    interrupt.dispose();
  }
}
