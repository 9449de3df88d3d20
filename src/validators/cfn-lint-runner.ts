import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Finding } from '../findings/finding.js';
import { findTool } from './located-tool.js';
import { repositoryToolConfigs } from './repository-tool-configs.js';
import { runTool } from './run-tool.js';
import { toolMissing, type ValidatorRunner } from './runner.js';
import { toolVariables } from './validator-environment.js';
import { formatValidatorFailure } from './validator-error.js';

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);

/** cfn-lint exit codes are a bit mask: 2 errors, 4 warnings, 8 informational (https://github.com/aws-cloudformation/cfn-lint#exit-codes). */
const INFORMATIONAL_ONLY = 8;

/** Reads cfn-lint's default text output: `E3002 message` then `file:line:column`. */
export function parseCfnLintOutput(output: string): Finding[] {
  const findings: Finding[] = [];
  const pattern = /^([EWI]\d{4}) (.+)\n(.+?):(\d+):(\d+)$/gm;
  for (const match of output.matchAll(pattern)) {
    const [, ruleId, message, file, line, column] = match;
    const severity = ruleId.startsWith('E') ? 'high' : ruleId.startsWith('W') ? 'medium' : 'info';
    findings.push({
      ruleId,
      severity,
      message,
      location: { file, line: Number(line), column: Number(column) },
      source: 'cfn-lint',
    });
  }
  return findings;
}

/** Runs cfn-lint on every template among the generated files. */
export const cfnLintRunner: ValidatorRunner = async ({ input, environment, pinned }) => {
  const located = await findTool('cfn-lint', pinned, environment, input.projectRoot);
  if ('missing' in located)
    return toolMissing(located.missing, 'the CloudFormation template cannot be linted');
  const { found } = located;
  const templates = input.files.filter((file) => TEMPLATE_EXTENSIONS.has(extname(file).toLowerCase()));
  if (templates.length === 0) {
    await found.located; // no version process is left running behind the answer
    return {
      status: 'failed',
      summary: 'no CloudFormation template (.yaml, .yml, .json, .template) among the generated files',
      ran: [],
    };
  }
  const regions = input.constraints.context.region ? ['--regions', input.constraints.context.region] : [];
  // As the gate, cfn-lint reads no config the repository ships (.cfnlintrc can append rules, i.e.
  // run Python) and honours no `ignore_checks` in the generated template's Metadata.
  const scratch = await mkdtemp(join(environment.temporaryDirectory ?? tmpdir(), 'infrakit-cfn-lint-'));
  const configFile = join(scratch, 'cfnlintrc.yaml');
  await writeFile(configFile, '{}\n');
  const gateArgs = ['--config-file', configFile, '--mandatory-checks', 'E', 'W'];
  // The lint starts beside `cfn-lint --version` (found.located): two Python start-ups side by side.
  const run = await runTool(found.path, [...gateArgs, ...regions, '--', ...templates], {
    cwd: input.projectRoot,
    variables: toolVariables(environment, input.projectRoot),
    timeoutMs: environment.timeoutMs,
    signal: input.signal,
  }).finally(() => rm(scratch, { recursive: true, force: true }));
  const tool = await found.located;
  const ignoredConfigs = await repositoryToolConfigs(input.projectRoot, ['cfn-lint']);
  const ran = [
    `${tool.label}: cfn-lint --mandatory-checks E W ${regions.join(' ')} ${templates.join(' ')}`.replace(
      /\s+/g,
      ' ',
    ),
  ];
  const notes = ignoredConfigs.map((finding) => `not applied: ${finding.message}`);
  const output = [run.stdout, run.stderr].filter((text) => text.trim()).join('\n');
  if (run.exitCode === 0 || run.exitCode === INFORMATIONAL_ONLY) {
    return {
      status: 'passed',
      summary: `${tool.label} passed on ${templates.length} template(s)`,
      output: [output, ...notes].filter(Boolean).join('\n') || undefined,
      ...(ignoredConfigs.length ? { findings: ignoredConfigs } : {}),
      ran,
    };
  }
  const findings = [...parseCfnLintOutput(run.stdout), ...ignoredConfigs];
  return {
    status: 'failed',
    summary: `${tool.label} exited with code ${run.exitCode ?? 'unknown'} (${findings.length} finding(s))`,
    output: [formatValidatorFailure({ tool: 'cfn-lint', version: tool.version, run }), ...notes].join('\n'),
    findings,
    ran,
  };
};
