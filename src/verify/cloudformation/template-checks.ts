import type { Resource } from '../../iac/resource-model.js';
import type { TemplateDeclarations } from '../../iac/cloudformation/parse-template.js';
import { VERIFY_RULES, type VerifyIssue } from '../verify-finding.js';
import { cidrProblems } from './cidr-values.js';
import { intrinsicCalls } from './intrinsic-calls.js';
import { intrinsicShapeProblem } from './intrinsic-shapes.js';
import { runtimeStatus } from './lambda-runtimes.js';
import { dependsOnProblems, referenceProblems, type AttributesOf } from './references.js';

/** What the template-level checks need besides the resource. */
export interface TemplateCheckContext {
  attributesOf: AttributesOf;
  /** The day deprecation dates are compared with. */
  today: Date;
}

/**
 * The checks cfn-lint makes beyond the property schema, on one CloudFormation resource: intrinsic
 * argument shapes (E1010–E1032), references to what the template declares (E1010 GetAtt, E1012/E1020
 * Ref, E1019 Sub, E1011 FindInMap, E1028 If, E3005 DependsOn), CIDR networks (format ipv4-network)
 * and deprecated Lambda runtimes (E2531, E2533, W2531).
 */
export async function checkTemplateResource(
  resource: Resource,
  context: TemplateCheckContext,
): Promise<VerifyIssue[]> {
  const issues: VerifyIssue[] = [];
  const calls = intrinsicCalls(resource.body);
  for (const call of calls) {
    const problem = intrinsicShapeProblem(call.name, call.argument);
    if (problem)
      issues.push({
        ruleId: VERIFY_RULES.intrinsic,
        level: 'error',
        fieldPath: call.fieldPath || undefined,
        message: `${call.name === 'Ref' ? 'Ref' : `Fn::${call.name}`} ${problem}`,
        fix: `write the argument as the function takes it (${call.expression.slice(0, 80)})`,
      });
  }
  const declared = resource.meta.template as TemplateDeclarations | undefined;
  if (declared) {
    const problems = [
      ...(await referenceProblems(calls, declared, context.attributesOf)),
      ...dependsOnProblems(resource.meta.DependsOn, declared),
    ];
    for (const problem of problems)
      issues.push({
        ruleId: VERIFY_RULES.reference,
        level: 'error',
        fieldPath: problem.fieldPath || undefined,
        message: problem.message,
        ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
        fix: 'name a parameter, resource, condition or mapping the template declares',
      });
  }
  for (const problem of cidrProblems(resource.body, declared?.parameterDefaults))
    issues.push({ ruleId: VERIFY_RULES.constraint, ...problem });
  if (resource.type === 'AWS::Lambda::Function' && typeof resource.body.Runtime === 'string') {
    const status = runtimeStatus(resource.body.Runtime, context.today);
    if (status)
      issues.push({
        ruleId: VERIFY_RULES.runtimeDeprecated,
        level: status.level,
        fieldPath: 'Runtime',
        message: status.message,
        fix: status.fix,
      });
  }
  return issues;
}
