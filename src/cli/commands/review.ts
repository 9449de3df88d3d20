import { Option, type Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import { SEVERITIES, type Severity } from '../../findings/finding.js';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

interface ReviewOptions {
  env?: string;
  sarif?: string | boolean;
  failOn: Severity;
  fix?: boolean;
  yes?: boolean;
  withModel?: boolean;
  with?: string[];
  autoLint: boolean;
}

/** `infrakit review <path>`: verifier + policy (+ checkov/cfn-lint), a severity table, a score, SARIF and fixes. */
export const reviewCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('review')
    .description(
      'check IaC files against the provider schema and the project constraints; report, score, SARIF, fix',
    )
    .argument('<path>', 'a file or folder of Crossplane, Terraform or CloudFormation')
    .option('--env <name>', 'judge as this environment (default: from the template, else the strictest)')
    .option('--sarif [file]', 'write SARIF 2.1.0 to <file>, or to stdout when no file is given')
    .addOption(
      new Option('--fail-on <severity>', 'exit 4 when a finding is at or above this severity')
        .choices(['critical', 'high', 'medium', 'low'])
        .default('high'),
    )
    .option(
      '--fix',
      'apply the deterministic fixes (tags, public-access block, deletion policy ...) after showing the diff',
    )
    .option('--yes', 'with --fix: write without asking')
    .option(
      '--with-model',
      'also ask the Architect and Security Engineer personas (in parallel) for advisory opinions, printed apart as model opinions; provider from INFRAKIT_PROVIDER/INFRAKIT_MODEL/INFRAKIT_BASE_URL or config; never changes the score or exit code',
    )
    .addOption(
      new Option('--with <tool...>', 'also run and merge an external scanner').choices([
        'checkov',
        'cfn-lint',
      ]),
    )
    .option(
      '--no-auto-lint',
      'do not run cfn-lint by itself over CloudFormation sources (it checks the property patterns, lengths and numeric bounds the verifier does not carry); Checks then lists cfn-lint as skipped',
    )
    .action(action(runReviewCommand));
  withExamples(
    command,
    'infrakit review compositions/ --env prod',
    'infrakit review template.yaml --sarif review.sarif --with cfn-lint',
    'infrakit review main.tf --fix --yes',
    'INFRAKIT_PROVIDER=anthropic infrakit review template.yaml --with-model',
  );
  command.addHelpText(
    'after',
    '\nScore: 100 minus, per rule, its worst finding (critical 25, high 10, medium 4, low 1) plus a quarter of each further one, at most twice the worst (docs/policy.md). Exit codes: 0 passed, 4 findings at or above --fail-on, 3 constraints or provider config invalid (e.g. --with-model without an API key).\n' +
      '--with-model opinions are advisory: they never change the score or the exit code, and are not in the SARIF.\n',
  );
};

async function runReviewCommand(io: CliIO, options: ReviewOptions, path: string): Promise<number> {
  const [{ resolve, dirname }, { stat }, review, pathsAsGiven, { assertCheckableFiles }] = await Promise.all([
    import('node:path'),
    import('node:fs/promises'),
    import('./review-support.js'),
    import('../paths-as-given.js'),
    import('../checkable-files.js'),
  ]);
  const target = resolve(io.cwd, path);
  const info = await stat(target).catch(() => undefined);
  if (!info)
    throw new UsageError(`review: "${path}" does not exist`, {
      hint: 'Pass a file or folder of IaC, e.g. infrakit review compositions/',
    });
  await assertCheckableFiles(io.cwd, [path], 'review');
  const projectRoot = (await review.findProjectRoot(info.isDirectory() ? target : dirname(target))) ?? io.cwd;
  const sarifToStdout = options.sarif === true;
  const say = sarifToStdout ? io.warn : io.say;
  const askModel = options.withModel ? await review.modelOpinionRunner(io, projectRoot) : undefined;
  let result = await review.reviewOnce(projectRoot, target, options);
  if (options.fix) {
    const outcome = await review.fixInteractively(io, say, projectRoot, result, Boolean(options.yes));
    if (outcome.written) result = await review.reviewOnce(projectRoot, target, options);
  }
  // Shown as typed and relative to where it ran, whichever project's constraints and store it used.
  const shown = {
    ...result,
    target: path,
    files: result.files.map((file) => pathsAsGiven.fromWhereItRan(file, projectRoot, io.cwd)),
    findings: pathsAsGiven.findingsFromWhereItRan(result.findings, projectRoot, io.cwd),
  };
  if (!io.json || sarifToStdout) say(review.renderReview(shown, io.style));
  const model = askModel ? await askModel(result) : undefined;
  if (model && (!io.json || sarifToStdout))
    say(`\n${review.renderModelOpinions(model.opinions, model.notes, io.style)}`);
  if (options.sarif !== undefined) {
    const sarif = JSON.stringify(review.sarifOf(shown), null, 2);
    if (sarifToStdout) process.stdout.write(`${sarif}\n`);
    else {
      await review.writeFileAtomic(resolve(io.cwd, String(options.sarif)), `${sarif}\n`);
      io.warn(`SARIF written to ${String(options.sarif)}`);
    }
  }
  if (io.json && !sarifToStdout) io.result(review.jsonOf(shown, model));
  const threshold = SEVERITIES.indexOf(options.failOn);
  const failing = result.findings.filter((finding) => SEVERITIES.indexOf(finding.severity) <= threshold);
  return failing.length > 0 ? 4 : 0;
}
