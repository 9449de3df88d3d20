import type { PolicyRule, Violation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';
import { asRecord } from '../values.js';

/** The minimum age S3 accepts before a transition to each storage class. */
const MINIMUM_DAYS: Record<string, number> = { STANDARD_IA: 30, ONEZONE_IA: 30 };

/** Every transition of a lifecycle configuration, with its path: Terraform, CloudFormation and upjet spellings. */
function* transitions(
  value: unknown,
  path: string,
): Generator<{ path: string; days: unknown; storageClass: unknown }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* transitions(item, `${path}[${index}]`);
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  const storageClass = record.storage_class ?? record.StorageClass ?? record.storageClass;
  const days = record.days ?? record.TransitionInDays ?? record.Days ?? record.transitionInDays;
  if (storageClass !== undefined && days !== undefined) yield { path, days, storageClass };
  for (const [key, item] of Object.entries(record))
    if (typeof item === 'object' && item !== null) yield* transitions(item, path ? `${path}.${key}` : key);
}

/** IK-LIMIT-002: a lifecycle transition to STANDARD_IA or ONEZONE_IA waits at least 30 days, as S3 requires. */
export const lifecycleTransitionDaysRule: PolicyRule = {
  id: 'IK-LIMIT-002',
  title: 'Lifecycle transition sooner than S3 allows',
  rationale:
    'S3 rejects a transition to STANDARD_IA or ONEZONE_IA before 30 days: the whole lifecycle configuration fails to apply.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 SI-10'],
  severity: () => 'high',
  appliesTo: () => true,
  check(view) {
    const violations: Violation[] = [];
    for (const transition of transitions(view.arguments, '')) {
      const minimum = MINIMUM_DAYS[String(transition.storageClass)];
      const days = Number(Array.isArray(transition.days) ? transition.days[0] : transition.days);
      if (minimum === undefined || !Number.isFinite(days) || days >= minimum) continue;
      violations.push({
        message: `transition to ${String(transition.storageClass)} after ${days} days; S3 requires at least ${minimum}`,
        fieldPath: fullPath(view, transition.path),
        line: lineOf(view, transition.path),
        fix: `Transition after ${minimum} days or more.`,
      });
    }
    return violations;
  },
};
