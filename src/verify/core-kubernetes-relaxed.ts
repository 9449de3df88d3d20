/**
 * Fields the Kubernetes 1.33 OpenAPI schemas (kubernetes-models 4.5) mark required that the
 * Kubernetes 1.36 schemas (kubernetes-models 5.x, which needs Node.js 22) no longer require: the
 * API server never refused an object without them, so a missing one is not reported. Found by
 * comparing the two packages schema by schema (docs/verify.md, "Core Kubernetes kinds").
 */
interface RelaxedRequired {
  /** `group/kind` of the manifests that hold the field. */
  kinds: readonly string[];
  /** JSON pointer of the object that holds the field (the validator's `instancePath`). */
  at: RegExp;
  property: string;
}

const JOB_RULE_CONDITION = /\/podFailurePolicy\/rules\/\d+\/onPodConditions\/\d+$/;

const RELAXED: readonly RelaxedRequired[] = [
  { kinds: ['networking.k8s.io/NetworkPolicy'], at: /^\/spec$/, property: 'podSelector' },
  {
    kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
    at: /^\/roleRef$/,
    property: 'apiGroup',
  },
  { kinds: ['discovery.k8s.io/EndpointSlice'], at: /^$/, property: 'endpoints' },
  { kinds: ['scheduling.k8s.io/PriorityClass'], at: /^$/, property: 'value' },
  { kinds: ['batch/Job', 'batch/CronJob'], at: JOB_RULE_CONDITION, property: 'status' },
];

/** Whether a `required` error of kubernetes-models 4.5 is one Kubernetes 1.36 no longer makes. */
export function isRelaxedRequired(
  group: string,
  kind: string,
  instancePath: string,
  missingProperty: unknown,
): boolean {
  const key = `${group}/${kind}`;
  return RELAXED.some(
    (relaxed) =>
      relaxed.property === missingProperty && relaxed.kinds.includes(key) && relaxed.at.test(instancePath),
  );
}
