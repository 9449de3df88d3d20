import { HclDocumentSchema, type HclDocument } from './hcl.js';

/**
 * Reads Terraform's JSON configuration syntax (`*.tf.json`,
 * https://developer.hashicorp.com/terraform/language/syntax/json) into the hcl2json shape the rest of
 * the reader uses: every block label level is an object, every block body a list of bodies. Keys
 * named `//` are comments. Nested blocks inside a body stay as written (an object or a list of them).
 */
export function parseJsonSyntax(text: string): HclDocument {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error('a Terraform JSON file must hold one object at the top level');
  const document: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(withoutComments(raw) as Record<string, unknown>)) {
    if (section === 'resource' || section === 'data') document[section] = labelled(value, 2);
    else if (['variable', 'output', 'module', 'provider'].includes(section))
      document[section] = labelled(value, 1);
    else if (section === 'locals' || section === 'terraform') document[section] = bodies(value);
  }
  return HclDocumentSchema.parse(document);
}

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, item]) => [key, withoutComments(item)]),
  );
}

const bodies = (value: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );

/** `{type: {name: body}}` (depth 2) or `{name: body}` (depth 1), each body made a list of bodies. */
function labelled(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return {};
  const merged = (Array.isArray(value) ? value : [value]).reduce<Record<string, unknown>>(
    (all, item) => ({ ...all, ...(item as Record<string, unknown>) }),
    {},
  );
  return Object.fromEntries(
    Object.entries(merged).map(([label, inner]) => [
      label,
      depth > 1 ? labelled(inner, depth - 1) : bodies(inner),
    ]),
  );
}

/** The 1-based line of the first `"name"` key after the line of `"type"` in a JSON text, when found. */
export function jsonBlockLine(text: string, type: string, name: string): number | undefined {
  const lines = text.split('\n');
  const typeLine = lines.findIndex((line) => line.includes(`"${type}"`));
  if (typeLine < 0) return undefined;
  const nameLine = lines.findIndex((line, index) => index >= typeLine && line.includes(`"${name}"`));
  return nameLine >= 0 ? nameLine + 1 : typeLine + 1;
}
