import type { PolicyRule, Violation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';
import { valueStrings } from '../value-strings.js';

const ARN_WITH_LITERALS = /arn:aws[\w-]*:[\w-]+:([a-z]{2}(?:-[a-z]+)+-\d)?:(\d{12})?:/;

/**
 * IK-ACCT-001: no ARN in a resource spells out an account id or a region; they come from
 * `AWS::AccountId` / `AWS::Region`, `data.aws_caller_identity` / `data.aws_region`, or a parameter.
 */
export const literalAccountRegionRule: PolicyRule = {
  id: 'IK-ACCT-001',
  title: 'Hard-coded account id or region in an ARN',
  rationale:
    'A literal account id or region ties the template to one account: deployed elsewhere it points at resources it does not own, or fails; it also leaks the account id.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2', 'ISO 27001:2022 A.8.9'],
  severity: () => 'medium',
  appliesTo: () => true,
  check(view) {
    const violations: Violation[] = [];
    for (const { path, text } of valueStrings(view.arguments, '')) {
      const match = ARN_WITH_LITERALS.exec(text);
      if (!match || (!match[1] && !match[2])) continue;
      const what = [match[2] && `account id ${match[2]}`, match[1] && `region ${match[1]}`]
        .filter(Boolean)
        .join(' and ');
      violations.push({
        message: `${path} spells out ${what} in an ARN`,
        fieldPath: fullPath(view, path),
        line: lineOf(view, path),
        fix:
          view.resource.tool === 'cloudformation'
            ? 'Use !Sub with ${AWS::Region} and ${AWS::AccountId} (and ${AWS::Partition}).'
            : view.resource.tool === 'terraform'
              ? 'Use data.aws_caller_identity.current.account_id and data.aws_region.current.name.'
              : 'Patch the ARN from the composite resource or use a reference/selector.',
      });
    }
    return violations;
  },
};
