import type { Constraints } from '../constraints/load.js';
import type { IacTool } from '../constraints/schema.js';

const DEFAULT_OUTPUT_DIR: Record<IacTool, string> = {
  crossplane: 'compositions',
  terraform: 'modules',
  cloudformation: 'templates',
};

/**
 * Where a track's code goes, relative to the project root: `<layout.outputDir>/<name>`. The
 * schema's default (`compositions`) only applies to Crossplane; Terraform defaults to `modules`
 * and CloudFormation to `templates`.
 */
export function codeDirectory(tool: IacTool, name: string, constraints: Constraints): string {
  const configured = constraints.codingStyle.layout.outputDir;
  const useDefault =
    constraints.codingStyle.iac !== tool || (configured === 'compositions' && tool !== 'crossplane');
  const base = (useDefault ? DEFAULT_OUTPUT_DIR[tool] : configured).replace(/\/+$/, '');
  return `${base}/${name}`;
}

/** The files the IaC Engineer is expected to write, relative to the code folder. */
export function expectedFiles(tool: IacTool, constraints: Constraints): string[] {
  if (tool === 'crossplane') {
    const legacy = constraints.context.crossplane?.version === 'v1';
    return ['definition.yaml', 'composition.yaml', legacy ? 'examples/claim.yaml' : 'examples/xr.yaml'];
  }
  if (tool === 'terraform') return ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'];
  return ['template.yaml'];
}
