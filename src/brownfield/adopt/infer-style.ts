import type { ParsedSource, Resource } from '../../iac/resource-model.js';
import type { CodingStyle, IacTool } from '../../constraints/schema.js';
import type { InferredItem } from './inferred.js';

/** What `adopt` infers for coding-style.md, and for context.md's crossplane block. */
export interface InferredStyle {
  codingStyle: Record<string, unknown>;
  crossplane?: { version: 'v1' | 'v2'; apiGroup: string };
  items: InferredItem[];
}

const VALIDATOR: Record<IacTool, CodingStyle['validator']> = {
  crossplane: 'crossplane-render',
  terraform: 'tofu-validate',
  cloudformation: 'cfn-lint',
};

/** `~> 5.40` is pessimistic, `>= 5` minimum, `5.40.0` or `= 5.40.0` exact. */
function pinningOf(constraint: string): CodingStyle['versionPinning'] {
  if (constraint.includes('~>')) return 'pessimistic';
  if (/^\s*>=?/.test(constraint)) return 'minimum';
  return 'exact';
}

/** The folder most code lives in (the first path segment of most files). */
function outputDirectory(files: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const file of files) {
    const first = file.split('/')[0];
    if (first !== file) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts.entries()].sort((left, right) => right[1] - left[1])[0]?.[0];
}

function crossplaneOf(resources: Resource[]): InferredStyle['crossplane'] {
  const definition = resources.find((resource) => resource.kind === 'CompositeResourceDefinition');
  const group = (definition?.body.spec as { group?: unknown } | undefined)?.group;
  if (!definition || typeof group !== 'string') return undefined;
  return { version: definition.apiVersion?.endsWith('/v2') ? 'v2' : 'v1', apiGroup: group };
}

/** Infers the coding style: tool, validator, layout, version pins, composition mode and function. */
export function inferStyle(parsed: ParsedSource, tool: IacTool): InferredStyle {
  const items: InferredItem[] = [
    {
      file: 'codingStyle',
      path: ['iac'],
      note: `inferred: ${parsed.resources.length} resources in ${parsed.files.length} files`,
    },
  ];
  const codingStyle: Record<string, unknown> = { iac: tool, validator: VALIDATOR[tool] };
  const directory = outputDirectory(parsed.files);
  if (directory) {
    codingStyle.layout = { outputDir: directory };
    items.push({
      file: 'codingStyle',
      path: ['layout', 'outputDir'],
      note: 'inferred: where most files are',
    });
  }
  const terraform = parsed.settings?.terraform;
  if (tool === 'terraform' && terraform) {
    const aws = terraform.requiredProviders.aws?.version;
    codingStyle.terraform = {
      ...(terraform.requiredVersion ? { requiredVersion: terraform.requiredVersion } : {}),
      ...(aws ? { awsProviderVersion: aws } : {}),
    };
    if (aws) {
      codingStyle.versionPinning = pinningOf(aws);
      items.push({
        file: 'codingStyle',
        path: ['versionPinning'],
        note: `inferred: the aws provider is pinned "${aws}"`,
      });
      items.push({
        file: 'codingStyle',
        path: ['terraform', 'awsProviderVersion'],
        note: 'inferred: required_providers',
      });
    }
    if (terraform.requiredVersion)
      items.push({
        file: 'codingStyle',
        path: ['terraform', 'requiredVersion'],
        note: 'inferred: required_version',
      });
  }
  if (tool === 'crossplane') {
    const composition = parsed.resources.find((resource) => resource.kind === 'Composition');
    const functionPackage = parsed.resources.find((resource) => resource.kind === 'Function');
    const reference = (functionPackage?.body.spec as { package?: unknown } | undefined)?.package;
    const version = typeof reference === 'string' ? /:(v[\w.-]+)$/.exec(reference)?.[1] : undefined;
    const mode = (composition?.body.spec as { mode?: unknown } | undefined)?.mode;
    if (composition) {
      codingStyle.composition = {
        mode: mode === 'Resources' ? 'Resources' : 'Pipeline',
        ...(functionPackage ? { function: functionPackage.name } : {}),
        ...(version ? { functionVersion: version } : {}),
      };
      items.push({
        file: 'codingStyle',
        path: ['composition', 'mode'],
        note: `inferred: the Composition uses ${String(mode ?? 'Resources')} mode`,
      });
      if (version)
        items.push({
          file: 'codingStyle',
          path: ['composition', 'functionVersion'],
          note: `inferred: ${reference as string}`,
        });
    }
  }
  return {
    codingStyle,
    crossplane: tool === 'crossplane' ? crossplaneOf(parsed.resources) : undefined,
    items,
  };
}
