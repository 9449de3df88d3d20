import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../findings/finding.js';

/** Rule id of the finding for a validator config the repository ships and infrakit does not apply. */
export const IGNORED_TOOL_CONFIG_RULE = 'IK-SUP-002';

/** The validator configs a repository can commit that the tools would read from the project folder. */
const CONFIG_FILES: ReadonlyArray<{ tool: 'cfn-lint' | 'checkov'; names: string[] }> = [
  { tool: 'cfn-lint', names: ['.cfnlintrc', '.cfnlintrc.yaml', '.cfnlintrc.yml'] },
  { tool: 'checkov', names: ['.checkov.yaml', '.checkov.yml'] },
];

/** Keys that make a tool load and run code, or read files, that the repository chooses. */
const CODE_KEYS: Record<'cfn-lint' | 'checkov', RegExp> = {
  'cfn-lint':
    /^\s*["']?(append_rules|append-rules|override_spec|override-spec|custom_rules|custom-rules)["']?\s*:/m,
  checkov:
    /^\s*["']?(external-checks-dir|external-checks-git|external_checks_dir|external_checks_git)["']?\s*:/m,
};

/** Keys that switch checks off (they would waive the gate). */
const WAIVER_KEYS: Record<'cfn-lint' | 'checkov', RegExp> = {
  'cfn-lint': /^\s*["']?(ignore_checks|ignore-checks|configure_rules|configure-rules)["']?\s*:/m,
  checkov: /^\s*["']?(skip-check|skip_check|soft-fail|soft_fail|skip-path|skip_path)["']?\s*:/m,
};

/**
 * The validator configs in the project root. infrakit never lets the tools read them (cfn-lint
 * gets an empty `--config-file`, checkov runs from a scratch folder): each one present is a
 * finding, `high` when it would run the repository's code, else `medium` when it switches checks off.
 */
export async function repositoryToolConfigs(
  projectRoot: string,
  tools: ReadonlyArray<'cfn-lint' | 'checkov'>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { tool, names } of CONFIG_FILES) {
    if (!tools.includes(tool)) continue;
    for (const name of names) {
      const text = await readFile(join(projectRoot, name), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const runsCode = CODE_KEYS[tool].exec(text)?.[1];
      const waives = WAIVER_KEYS[tool].exec(text)?.[1];
      findings.push({
        ruleId: IGNORED_TOOL_CONFIG_RULE,
        severity: runsCode ? 'high' : waives ? 'medium' : 'low',
        message: runsCode
          ? `${name} sets ${runsCode}, which makes ${tool} load code or files the repository chooses: the file was not applied`
          : waives
            ? `${name} sets ${waives}, which switches ${tool} checks off: the file was not applied`
            : `${name} was not applied: the gate runs ${tool} with infrakit's own settings`,
        location: { file: name, line: lineOf(text, runsCode ?? waives) },
        fix: `Remove ${name}, or move the settings you need into your own ~/${tool === 'cfn-lint' ? '.cfnlintrc' : '.checkov.yaml'} (never read by the gate either); exceptions belong in .infrakit/exceptions.yaml.`,
        source: tool,
      });
    }
  }
  return findings;
}

function lineOf(text: string, key: string | undefined): number {
  if (!key) return 1;
  const index = text.split('\n').findIndex((line) => line.includes(key));
  return index < 0 ? 1 : index + 1;
}
