import type { EmbeddedSuppression } from '../policy/suppression-markers.js';
/**
 * The resource model shared by the verifier, the policy engine, review, brownfield and MCP.
 * Every IaC parser (Crossplane YAML, CloudFormation, Terraform HCL) produces these.
 */
export type IacKind = 'crossplane' | 'cloudformation' | 'terraform' | 'kubernetes';

/** A position in a source file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/**
 * A value whose content is not known statically: a go-template action, a CloudFormation
 * intrinsic (`!Ref`, `!Sub`, ...), or a Terraform expression/reference.
 */
export interface UnknownValue {
  readonly unknown: true;
  /** The source expression, e.g. `{{ $p.region }}`, `!Ref Environment`, `var.tags`. */
  readonly expression: string;
  /** What it refers to when that can be told: a parameter, variable, label or resource attribute. */
  readonly reference?: { kind: 'parameter' | 'variable' | 'label' | 'resource' | 'other'; name: string };
  /** CloudFormation: the intrinsic function and its argument as written (nested intrinsics are unknown values). */
  readonly intrinsic?: { readonly name: string; readonly argument: unknown };
}

export function isUnknownValue(value: unknown): value is UnknownValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { unknown?: unknown }).unknown === true &&
    'expression' in value
  );
}

/** One resource found in a file. */
export interface Resource {
  tool: IacKind;
  /** Crossplane/Kubernetes: `apiVersion` + `kind`; CloudFormation: `AWS::S3::Bucket`; Terraform: `aws_s3_bucket`. */
  type: string;
  apiVersion?: string;
  kind?: string;
  /** Logical name: metadata.name, the CFN logical id, the Terraform resource name, or the composition-resource-name. */
  name: string;
  /**
   * The resource's body with unknown values in place of expressions: the whole manifest for
   * Kubernetes/Crossplane (apiVersion, kind, metadata, spec), Properties for CloudFormation, the block
   * without meta-arguments for Terraform.
   */
  body: Record<string, unknown>;
  /**
   * Resource-level options outside the body: Crossplane spec.deletionPolicy / managementPolicies /
   * providerConfigRef (also left in the body), CloudFormation DeletionPolicy / UpdateReplacePolicy /
   * Condition / DependsOn, Terraform lifecycle (first block, e.g. `{ prevent_destroy: true }`) / count /
   * for_each / depends_on / provider, and `mode: 'data'` for Terraform data sources.
   */
  meta: Record<string, unknown>;
  location: SourceLocation;
  /**
   * Line of each field path in `body` (dotted path, e.g. `spec.forProvider.region`), when known.
   * Array items are `[i]` (`spec.forProvider.tags[0].key`; Terraform blocks: `versioning[0].enabled`).
   * Paths starting with `@` are resource-level attributes outside the body (CloudFormation `@DeletionPolicy`).
   */
  fieldLines?: Record<string, number>;
  /** For resources inside a Composition: where they came from (e.g. the template branch). */
  origin?: { composition?: string; step?: string; branch?: string };
}

/** A whole parsed file or project. */
export interface ParsedSource {
  tool: IacKind;
  files: string[];
  resources: Resource[];
  /** Declared inputs: CFN Parameters, Terraform variables, XRD parameters. */
  inputs: Array<{
    name: string;
    location?: SourceLocation;
    default?: unknown;
    allowed?: unknown[];
    pattern?: string;
    /** The whole declaration (Terraform variable block, CFN parameter), for the policy's input rules. */
    declaration?: Record<string, unknown>;
  }>;
  /** Declared outputs (Terraform `output`, CFN Outputs), for the policy's output rules. */
  outputs?: Array<{ name: string; location: SourceLocation; declaration: Record<string, unknown> }>;
  /** Parse problems that stopped part of a file being read. */
  errors: Array<{ location: SourceLocation; message: string }>;
  /** Entries left unread by the scan: symlinks out of the project, into .git/ or .infrakit/, dangling. */
  skipped?: Array<{ file: string; reason: string }>;
  /** Tool settings outside resources (added for the policy's version-pinning rule). */
  settings?: ToolSettings;
  /** Skip comments, ignore lists and pause annotations found in the text (policy rule IK-SUP-001). */
  suppressions?: EmbeddedSuppression[];
}

/** Settings blocks that are not resources: Terraform's `terraform {}` block. */
export interface ToolSettings {
  terraform?: {
    /** True when a `terraform {}` block exists in the source. */
    present: boolean;
    location: SourceLocation;
    requiredVersion?: string;
    /** Provider name → its `source`, `version` and line. */
    requiredProviders: Record<string, { source?: string; version?: string; line?: number }>;
    /** `provider "<name>" {}` blocks: their arguments (expressions as `${...}` strings) and line. */
    providers?: Array<{ name: string; body: Record<string, unknown>; location: SourceLocation }>;
    /** The `backend "<type>" {}` block inside `terraform {}`, when there is one. */
    backend?: { type: string; location: SourceLocation };
    /** `locals {}` values with their file, expressions as `${...}` strings (the policy evaluates tag merges). */
    locals?: Array<{ name: string; value: unknown; file: string }>;
  };
}
