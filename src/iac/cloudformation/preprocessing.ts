/**
 * Templates written for a preprocessor: a `Transform` other than AWS::LanguageExtensions (whose
 * `Fn::ForEach` infrakit expands itself) is a macro such as SAM (`AWS::Serverless-2016-10-31`) that
 * rewrites the template at deploy time, and Rain directives (`!Rain::Embed`, `Rain::Module`, ...) are
 * expanded by `rain pkg`. Neither can be checked field by field before expansion.
 */
export function preprocessingNeeded(template: Record<string, unknown>, text: string): string | undefined {
  const transforms = (Array.isArray(template.Transform) ? template.Transform : [template.Transform])
    .map((transform) =>
      typeof transform === 'string'
        ? transform
        : typeof transform === 'object' && transform !== null && 'Name' in transform
          ? String((transform as { Name: unknown }).Name)
          : undefined,
    )
    .filter(
      (transform): transform is string => transform !== undefined && transform !== 'AWS::LanguageExtensions',
    );
  if (transforms.length)
    return `the template declares Transform ${transforms.join(', ')}: it is checked after expansion (e.g. \`sam validate\` or \`aws cloudformation create-change-set\` for the processed template), not field by field`;
  const rain = text.match(/!Rain::\w+|\bRain::\w+(?=["']?\s*:)/)?.[0];
  if (rain)
    return `the template uses Rain directives (${rain.replace(/^!/, '')}): run \`rain pkg\` and check the packaged template`;
  return undefined;
}
