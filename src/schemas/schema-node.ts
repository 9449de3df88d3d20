/**
 * The one schema shape every source is reduced to: a subset of OpenAPI v3 / JSON Schema that the
 * verifier walks. CRDs keep their openAPIV3Schema almost as-is; CloudFormation and Terraform are
 * converted into it.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  properties?: Record<string, SchemaNode>;
  /** A map: every value must match this node. `true` means any value. */
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  format?: string;
  /** `x-kubernetes-preserve-unknown-fields`: any field is accepted below this node. */
  preserveUnknown?: boolean;
  /** `x-kubernetes-int-or-string`. */
  intOrString?: boolean;
  /** `x-kubernetes-embedded-resource`. */
  embeddedResource?: boolean;
  /** A reference to a shared definition (CloudFormation property types), resolved through the kind's `definitions`. */
  ref?: string;
  /** CloudFormation: a union of shapes; any may match. */
  anyOf?: SchemaNode[];
  /** Accepts any JSON value (CloudFormation `Json`, Terraform `any`/dynamic). */
  any?: boolean;
  deprecated?: boolean;
  /** OpenAPI `nullable: true`: an explicit null is accepted (Kubernetes rejects it otherwise). */
  nullable?: boolean;
  /** The value the API server fills in when the field is absent (applied before CEL rules run). */
  default?: unknown;
  /** Value constraints the Kubernetes API server enforces (https://kubernetes.io/docs/reference/generated/kubernetes-api/). */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  /** `x-kubernetes-validations`: CEL rules evaluated with `self` bound to this node's value. */
  validations?: CelRule[];
}

/** One `x-kubernetes-validations` entry of a CRD. */
export interface CelRule {
  rule: string;
  message?: string;
  /** A rule that compares with `oldSelf` (transition rule): it cannot be checked on a manifest alone. */
  transition?: boolean;
}

/** Every served version of one kind, from one source. */
export interface KindSchema {
  /** `group/kind` for Kubernetes kinds, the type name for CloudFormation and Terraform. */
  key: string;
  tool: 'kubernetes' | 'cloudformation' | 'terraform';
  group: string;
  kind: string;
  scope?: 'Namespaced' | 'Cluster';
  versions: KindVersion[];
  /** Named shared nodes referenced through `ref`. */
  definitions?: Record<string, SchemaNode>;
  /** CloudFormation: the attributes `Fn::GetAtt` can read (absent when the spec lists none). */
  attributes?: string[];
}

/** One version of a kind. */
export interface KindVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema: SchemaNode;
  /** Upjet: `spec.forProvider.X` fields required unless managementPolicies skip Create/Update (from CEL rules). */
  requiredParameters?: string[];
}

/** Resolves a `ref` node against a kind's definitions. */
export function resolveNode(
  node: SchemaNode | undefined,
  definitions: Record<string, SchemaNode> | undefined,
): SchemaNode | undefined {
  let current = node;
  for (let depth = 0; current?.ref && depth < 20; depth += 1) current = definitions?.[current.ref];
  return current;
}

/** A short human description of what a node accepts: `string (enum: A, B)`, `object`, `array of object`. */
export function describeNode(node: SchemaNode | undefined, definitions?: Record<string, SchemaNode>): string {
  const resolved = resolveNode(node, definitions);
  if (!resolved) return 'unknown';
  if (resolved.any || resolved.preserveUnknown) return 'any value';
  if (resolved.intOrString) return 'integer or string';
  if (resolved.anyOf) return resolved.anyOf.map((option) => describeNode(option, definitions)).join(' or ');
  const type = resolved.type ?? (resolved.properties ? 'object' : 'any value');
  if (type === 'array') return `array of ${describeNode(resolved.items, definitions)}`;
  if (type === 'object' && resolved.additionalProperties && !resolved.properties) {
    return resolved.additionalProperties === true
      ? 'map'
      : `map of ${describeNode(resolved.additionalProperties, definitions)}`;
  }
  if (resolved.enum) return `${type} (one of ${resolved.enum.map(String).join(', ')})`;
  return type;
}
