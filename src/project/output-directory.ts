import type { IacTool } from '../constraints/schema.js';

/** Where generated code goes for each tool; the rendered coding-style.md's layout.outputDir matches it. */
export const OUTPUT_DIRECTORY: Readonly<Record<IacTool, string>> = {
  crossplane: 'compositions',
  terraform: 'modules',
  cloudformation: 'templates',
};
