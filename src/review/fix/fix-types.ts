import type { Finding } from '../../findings/finding.js';
import type { ParsedSource, Resource } from '../../iac/resource-model.js';
import type { AutoFix } from '../../policy/rule.js';

/** One fix to apply: the finding it answers, what to change, on which resource. */
export interface PlannedFix {
  finding: Finding;
  autofix: AutoFix;
  resource: Resource;
}

/** The edits to one file: its text before and after, and what was and was not fixed. */
export interface FilePatch {
  file: string;
  before: string;
  after: string;
  fixed: string[];
}

/** What a fixer gets: the file's text, its fixes and the parsed source (for template inputs). */
export interface FixerInput {
  file: string;
  text: string;
  fixes: PlannedFix[];
  parsed: ParsedSource;
}

/** A fixer returns the new text, the fixes it applied and why it skipped the others. */
export interface FixerOutput {
  text: string;
  fixed: string[];
  skipped: string[];
}

/** Short label of a fix for messages: `IK-PUB-001 ReportsBucket`. */
export const fixLabel = (fix: PlannedFix): string =>
  `${fix.finding.ruleId} ${fix.resource.name}${fix.autofix.kind === 'add-tag' ? ` tag ${fix.autofix.key}` : fix.autofix.kind === 'declaration' ? ` ${fix.autofix.key}` : ''}`;

/** The value an add-tag fix carries. */
export interface TagValue {
  expression: string;
  source: 'parameter' | 'label' | 'constant' | 'variable';
  from?: string;
  constant?: string;
  /** For an input `--fix` declares when the source is missing: Terraform validation lines, a CFN constraint. */
  validation?: string[];
  constraint?: { key: string; value: unknown };
}
