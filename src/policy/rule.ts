import type { Constraints } from '../constraints/load.js';
import type { Environment } from '../constraints/schema.js';
import type { Severity } from '../findings/finding.js';
import type { ParsedSource, Resource, SourceLocation } from '../iac/resource-model.js';
import type { ResolvedEnvironment } from './environment.js';
import type { ResourceView } from './resource-view.js';

/** What a rule sees besides the resource: the constraints, the environment and its neighbours. */
export interface RuleContext {
  constraints: Constraints;
  environment: ResolvedEnvironment;
  parsed: ParsedSource;
  views: ResourceView[];
}

/** One problem a rule found on one resource. */
export interface Violation {
  message: string;
  /** Full field path, e.g. `Properties.StorageEncrypted`. */
  fieldPath?: string;
  line?: number;
  fix?: string;
  /** Overrides the rule's severity for this environment (e.g. a lesser variant of the problem). */
  severity?: Severity;
  /** Data for `review --fix`: what to set where, when the fix is deterministic. */
  autofix?: AutoFix;
  /** The resource the autofix edits, when not the checked one (e.g. a bucket's public access block). */
  autofixTarget?: Resource;
  /** `cannot-see`: the rule could not evaluate the value (see cannot-see.ts); neither a pass nor a violation. */
  kind?: 'cannot-see';
}

/** A deterministic edit `review --fix` can apply to the resource's arguments. */
export type AutoFix =
  | { kind: 'set'; path: string[]; value: unknown }
  | { kind: 'merge'; path: string[]; values: Record<string, unknown> }
  | { kind: 'add-tag'; key: string; value: unknown }
  /** Adds an item to a list of blocks (Terraform: a new `path[0] { ... }` block; YAML: a list item). */
  | { kind: 'append'; path: string[]; value: Record<string, unknown> }
  | { kind: 'set-meta'; key: string; value: unknown }
  /**
   * An attribute of a declaration outside any resource (Terraform `variable`/`output`/`terraform`
   * block, CloudFormation parameter or output): Terraform values are HCL source text, CloudFormation
   * values plain data. `replace` edits the attribute's existing line instead of adding one; `block`
   * (Terraform) adds a nested `key { ... }` block whose lines are `value` (a string list).
   */
  | { kind: 'declaration'; key: string; value: unknown; replace?: boolean; block?: boolean }
  /** Declares a CloudFormation parameter the template references but does not declare (`Parameters.<name>`). */
  | { kind: 'declare-input'; name: string; declaration: Record<string, unknown> }
  /** Sets `policy.fromFieldPath: Required` on the Composition patches that start on these lines. */
  | { kind: 'patch-policy'; lines: number[] };

/** A policy rule: metadata for people and SARIF, plus a pure check. */
export interface PolicyRule {
  id: string;
  title: string;
  rationale: string;
  /** Control references, e.g. `SOC 2 CC6.1`, `NIST 800-53 SC-28`. */
  controls: string[];
  /** How bad a violation is in an environment, from that environment's baseline. */
  severity(environment: Environment): Severity;
  /** Whether the project's constraints ask for this rule at all. */
  appliesTo(constraints: Constraints): boolean;
  check(view: ResourceView, context: RuleContext): Violation[];
  /** Checks over the whole source rather than one resource (template inputs, provider pins). */
  checkSource?(context: RuleContext): SourceViolation[];
}

/** A violation found outside any one resource, with its own location. */
export interface SourceViolation extends Violation {
  location: SourceLocation;
  resourceType?: string;
  resourceName?: string;
}

/** `high` where the baseline requires the control, `low` where it is advice. */
export const requiredOrAdvice =
  (
    required: (environment: Environment) => boolean,
    whenRequired: Severity = 'high',
    otherwise: Severity = 'low',
  ) =>
  (environment: Environment): Severity =>
    required(environment) ? whenRequired : otherwise;
