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
}

export function isUnknownValue(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true && 'expression' in value;
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
  /** The resource's body (spec / Properties / HCL block), with unknown values in place of expressions. */
  body: Record<string, unknown>;
  /** Resource-level options outside the body: deletionPolicy, managementPolicies, DeletionPolicy, lifecycle ... */
  meta: Record<string, unknown>;
  location: SourceLocation;
  /** Line of each field path in `body` (dotted path, e.g. `spec.forProvider.region`), when known. */
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
  inputs: Array<{ name: string; location?: SourceLocation; default?: unknown; allowed?: unknown[]; pattern?: string }>;
  /** Parse problems that stopped part of a file being read. */
  errors: Array<{ location: SourceLocation; message: string }>;
  /** Tool settings outside resources (added for the policy's version-pinning rule). */
  settings?: ToolSettings;
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
  };
}
