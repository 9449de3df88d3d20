import { isUnknownValue } from '../../iac/resource-model.js';
import type { TemplateDeclarations } from '../../iac/cloudformation/parse-template.js';
import { didYouMean } from '../did-you-mean.js';
import type { IntrinsicCall } from './intrinsic-calls.js';

/** The pseudo parameters `Ref` and `${}` may name (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html). */
export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

/** A reference that names nothing the template declares. */
export interface ReferenceProblem {
  fieldPath: string;
  message: string;
  suggestion?: string;
}

/** The attributes `Fn::GetAtt` may read from a resource type, or undefined when they are not known. */
export type AttributesOf = (type: string) => Promise<string[] | undefined>;

const suggest = (name: string, names: string[]): string | undefined => {
  const close = didYouMean(name, names);
  return close.length ? `did you mean ${close.map((item) => `"${item}"`).join(' or ')}?` : undefined;
};

/** A name built by a `Fn::ForEach` loop (`Bucket${Name}`) cannot be checked before expansion. */
const templated = (name: string): boolean => /[$&]\{/.test(name);

/** Checks what Ref, GetAtt, Fn::If, Fn::FindInMap and Fn::Sub name against the template's declarations. */
export async function referenceProblems(
  calls: IntrinsicCall[],
  declared: TemplateDeclarations,
  attributesOf: AttributesOf,
): Promise<ReferenceProblem[]> {
  const refTargets = [
    ...declared.parameters,
    ...Object.keys(declared.resources),
    ...PSEUDO_PARAMETERS,
    ...declared.loopIdentifiers,
  ];
  const problems: ReferenceProblem[] = [];
  const checkRef = (target: string, fieldPath: string, how: string) => {
    if (refTargets.includes(target) || templated(target)) return;
    problems.push({
      fieldPath,
      message: `${how} names "${target}", which is neither a parameter, a resource of this template nor a pseudo parameter`,
      suggestion: suggest(target, refTargets),
    });
  };
  const checkGetAtt = async (logicalId: string, attribute: unknown, fieldPath: string, how: string) => {
    if (templated(logicalId)) return;
    const type = declared.resources[logicalId];
    if (type === undefined) {
      problems.push({
        fieldPath,
        message: `${how} reads from "${logicalId}", which is not a resource of this template`,
        suggestion: suggest(logicalId, Object.keys(declared.resources)),
      });
      return;
    }
    if (typeof attribute !== 'string' || templated(attribute)) return;
    if (/^Outputs\./.test(attribute) || type.startsWith('Custom::')) return; // stacks and custom resources return any
    const attributes = await attributesOf(type);
    if (!attributes || attributes.includes(attribute)) return;
    problems.push({
      fieldPath,
      message: `${how}: ${type} has no attribute "${attribute}"; it has ${attributes.slice(0, 12).join(', ')}`,
      suggestion: suggest(attribute, attributes),
    });
  };
  for (const call of calls) {
    const { name, argument, fieldPath } = call;
    if (name === 'Ref' && typeof argument === 'string') checkRef(argument, fieldPath, 'Ref');
    if (name === 'GetAtt') {
      if (typeof argument === 'string' && argument.includes('.')) {
        const dot = argument.indexOf('.');
        await checkGetAtt(argument.slice(0, dot), argument.slice(dot + 1), fieldPath, 'Fn::GetAtt');
      } else if (Array.isArray(argument) && typeof argument[0] === 'string')
        await checkGetAtt(argument[0], argument[1], fieldPath, 'Fn::GetAtt');
    }
    if (name === 'If' && Array.isArray(argument) && typeof argument[0] === 'string') {
      if (!declared.conditions.includes(argument[0]))
        problems.push({
          fieldPath,
          message: `Fn::If names the condition "${argument[0]}", which Conditions does not declare`,
          suggestion: suggest(argument[0], declared.conditions),
        });
    }
    if (name === 'FindInMap' && Array.isArray(argument) && typeof argument[0] === 'string') {
      if (!declared.mappings.includes(argument[0]) && !templated(argument[0]))
        problems.push({
          fieldPath,
          message: `Fn::FindInMap names the mapping "${argument[0]}", which Mappings does not declare`,
          suggestion: suggest(argument[0], declared.mappings),
        });
    }
    if (name === 'Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
      if (typeof text !== 'string') continue;
      const local = isUnknownValue(variables) ? undefined : Object.keys((variables as object) ?? {});
      if (!local) continue;
      for (const variable of subVariables(text)) {
        if (local.includes(variable)) continue;
        const dot = variable.indexOf('.');
        if (dot > 0 && !variable.startsWith('AWS::'))
          await checkGetAtt(
            variable.slice(0, dot),
            variable.slice(dot + 1),
            fieldPath,
            `Fn::Sub "\${${variable}}"`,
          );
        else checkRef(variable, fieldPath, `Fn::Sub "\${${variable}}"`);
      }
    }
  }
  return problems;
}

/** The `${Name}` and `${Resource.Attribute}` variables of a Fn::Sub string (`${!Literal}` is not one). */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^}!][^}]*)\}/g)].map((match) => match[1].trim());
}

/** DependsOn names that are not resources of the template. */
export function dependsOnProblems(dependsOn: unknown, declared: TemplateDeclarations): ReferenceProblem[] {
  const names = (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).filter(
    (name): name is string => typeof name === 'string',
  );
  const resources = Object.keys(declared.resources);
  return names
    .filter((name) => !resources.includes(name) && !templated(name))
    .map((name) => ({
      fieldPath: '@DependsOn',
      message: `DependsOn names "${name}", which is not a resource of this template`,
      suggestion: suggest(name, resources),
    }));
}
