import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Finding, Severity } from '../findings/finding.js';
import { allFinished } from '../util/all-finished.js';

/** Runs a command without throwing on a non-zero exit (execa with reject: false), injected for tests. */
export type RunCommand = (
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs?: number },
) => Promise<{ exitCode?: number; stdout: string; stderr: string; failed: boolean; notFound?: boolean }>;

/** The outcome of one external tool. */
export interface ExternalToolResult {
  tool: 'checkov' | 'cfn-lint';
  status: 'ran' | 'unavailable' | 'failed';
  version?: string;
  command: string;
  findings: Finding[];
  /** Why it did not run, or its own output when it failed. */
  detail?: string;
  installHint: string;
}

const CheckovCheck = z.looseObject({
  check_id: z.string(),
  check_name: z.string().optional(),
  file_path: z.string().optional(),
  repo_file_path: z.string().optional(),
  file_abs_path: z.string().optional(),
  file_line_range: z.array(z.number()).optional(),
  resource: z.string().optional(),
  severity: z.string().nullable().optional(),
  guideline: z.string().nullable().optional(),
});
const CheckovReport = z.looseObject({
  check_type: z.string().optional(),
  results: z.looseObject({ failed_checks: z.array(CheckovCheck).default([]) }),
});

/** Reads checkov's `-o json` output (one report or a list of reports) into findings. */
export function checkovFindings(stdout: string, fileOf: (reported: string) => string): Finding[] {
  const trimmed = stdout.trim();
  if (trimmed === '' || trimmed.startsWith('{"passed": 0') || trimmed === '[]') return [];
  const raw: unknown = JSON.parse(trimmed.slice(trimmed.search(/[[{]/)));
  const reports = z
    .array(CheckovReport)
    .parse(
      Array.isArray(raw)
        ? raw
        : [raw].filter((item) => typeof item === 'object' && item !== null && 'results' in item),
    );
  return reports.flatMap((report) =>
    report.results.failed_checks.map((check): Finding => {
      const severity = (check.severity ?? '').toLowerCase();
      return {
        ruleId: check.check_id,
        severity: (['critical', 'high', 'medium', 'low'].includes(severity)
          ? severity
          : 'medium') as Severity,
        message: `${check.check_name ?? check.check_id}${check.resource ? ` (${check.resource})` : ''}`,
        location: {
          file: fileOf(check.file_abs_path ?? check.file_path ?? check.repo_file_path ?? ''),
          line: check.file_line_range?.[0] ?? 1,
        },
        resourceName: check.resource,
        ...(check.guideline ? { fix: check.guideline } : {}),
        source: 'checkov',
      };
    }),
  );
}

const CfnLintMatch = z.looseObject({
  Rule: z.looseObject({
    Id: z.string(),
    ShortDescription: z.string().optional(),
    Description: z.string().optional(),
  }),
  Level: z.string(),
  Message: z.string(),
  Filename: z.string(),
  Location: z.looseObject({
    Start: z.looseObject({ LineNumber: z.number() }),
    Path: z.array(z.unknown()).optional(),
  }),
});

/** Reads cfn-lint's `--format json` output into findings (Error → high, Warning → medium, else low). */
export function cfnLintFindings(stdout: string, fileOf: (reported: string) => string): Finding[] {
  if (stdout.trim() === '') return [];
  const matches = z.array(CfnLintMatch).parse(JSON.parse(stdout));
  return matches.map((match) => ({
    ruleId: match.Rule.Id,
    severity: match.Level === 'Error' ? 'high' : match.Level === 'Warning' ? 'medium' : 'low',
    message: match.Message,
    location: { file: fileOf(match.Filename), line: match.Location.Start.LineNumber },
    ...(match.Location.Path ? { fieldPath: match.Location.Path.map(String).join('.') } : {}),
    source: 'cfn-lint',
  }));
}

/** An empty config file of infrakit's for the tool, in a temporary folder (never the repository's). */
async function toolConfigFile(tool: 'checkov' | 'cfn-lint'): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), `infrakit-${tool}-config-`));
  const file = join(directory, tool === 'checkov' ? 'checkov.yaml' : 'cfnlintrc.yaml');
  // checkov reads each key as a flag: `compact` is one it is given anyway.
  await writeFile(file, tool === 'checkov' ? 'compact: true\n' : '{}\n');
  return file;
}

/** Runs checkov (offline) or cfn-lint over files and merges their findings; never throws for a missing tool. */
export async function runExternalTool(
  tool: 'checkov' | 'cfn-lint',
  files: string[],
  options: {
    cwd: string;
    run: RunCommand;
    fileOf: (reported: string) => string;
    /** The binary's absolute path, when it was located; the bare name (found on PATH) otherwise. */
    binary?: string;
  },
): Promise<ExternalToolResult> {
  const installHint = `pip install ${tool}`;
  const binary = options.binary ?? tool;
  // A repository's own .cfnlintrc (append_rules runs its Python) or .checkov.yaml (external checks,
  // skips) is never read: each tool gets an explicit config file of infrakit's.
  const configFile = files.length > 0 ? await toolConfigFile(tool) : undefined;
  const args = (config: string) =>
    tool === 'checkov'
      ? [
          '--config-file',
          config,
          '--skip-download',
          '--quiet',
          '--compact',
          '-o',
          'json',
          ...files.flatMap((file) => ['-f', file]),
        ]
      : ['--config-file', config, '--format', 'json', '--', ...files];
  // `--version` and the check start together: each is a Python start-up (checkov's takes seconds),
  // and the check does not need the version. A missing tool fails both the same way.
  const versionRun = options.run(binary, ['--version'], { cwd: options.cwd, timeoutMs: 60_000 });
  const checkRun =
    configFile === undefined
      ? undefined
      : options
          .run(binary, args(configFile), { cwd: options.cwd, timeoutMs: 600_000 })
          .finally(() => rm(dirname(configFile), { recursive: true, force: true }));
  // Both have finished before anything returns or throws: no tool is left running behind the answer.
  const [version, outcome] = await allFinished([versionRun, checkRun] as const);
  if (version.notFound || (version.failed && version.exitCode === undefined)) {
    return {
      tool,
      status: 'unavailable',
      command: tool,
      findings: [],
      detail: `${tool} is not installed or not on PATH`,
      installHint,
    };
  }
  const versionText = (version.stdout.trim().split('\n').pop() ?? '').replace(/^cfn-lint\s*/, '');
  const command = `${binary} ${args(configFile ?? '<config>').join(' ')}`;
  if (outcome === undefined)
    return {
      tool,
      status: 'ran',
      version: versionText,
      command,
      findings: [],
      detail: 'no files of a kind it reads',
      installHint,
    };
  try {
    const findings =
      tool === 'checkov'
        ? checkovFindings(outcome.stdout, options.fileOf)
        : cfnLintFindings(outcome.stdout, options.fileOf);
    return { tool, status: 'ran', version: versionText, command, findings, installHint };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      tool,
      status: 'failed',
      version: versionText,
      command,
      findings: [],
      detail:
        `${tool} exited with code ${outcome.exitCode ?? 'unknown'} and its output could not be read (${reason}):\n${outcome.stderr || outcome.stdout}`.slice(
          0,
          4000,
        ),
      installHint,
    };
  }
}
