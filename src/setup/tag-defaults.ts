import type { IacTool, MandatoryTag } from '../constraints/schema.js';

const words = (key: string): string[] =>
  key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** Where a new tag's value comes from by default, in the tool's own idiom. */
export function defaultTagSource(iac: IacTool, key: string): Pick<MandatoryTag, 'source' | 'from'> {
  const parts = words(key);
  if (iac === 'terraform') return { source: 'variable', from: `var.${parts.join('_')}` };
  if (iac === 'cloudformation') return { source: 'parameter', from: parts.map(capitalise).join('') };
  const camel = parts.map((word, index) => (index === 0 ? word : capitalise(word))).join('');
  return { source: 'parameter', from: `spec.parameters.${camel}` };
}
