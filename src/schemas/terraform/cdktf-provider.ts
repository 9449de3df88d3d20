/**
 * Derives a Terraform provider schema index from a published `@cdktf/provider-*` (or `@cdktn/provider-*`)
 * npm tarball. Its generated code records, for every resource and data source, each Terraform
 * attribute and block name (`synthesizeHclAttributes`: name, isBlock, collection type, storage type),
 * and its .d.ts marks which inputs are required. We read those, never write a schema by hand.
 * This file is over 150 lines because the reader and the converter share private regexes.
 */
import type { KindSchema, SchemaNode } from '../schema-node.js';

interface AttributeInfo {
  name: string;
  camelName?: string;
  isBlock: boolean;
  collection: string;
  storage: string;
  struct?: string;
}

const ATTRS_BLOCK = /const attrs = \{([\s\S]*?)\n\s*\};/;
const ATTRIBUTE =
  /\n\s*("?[\w-]+"?): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
const STRUCT_FUNCTION = /function (\w+)ToHclTerraform\(struct\) \{([\s\S]*?)\n\}/g;

function readAttributes(body: string): AttributeInfo[] {
  const block = body.match(ATTRS_BLOCK)?.[1];
  if (!block) return [];
  return [...`\n${block}`.matchAll(ATTRIBUTE)].map((match) => {
    const value = match[2];
    const struct = [...value.matchAll(/(?<!cdktf\.)\b(\w+)ToHclTerraform\b/g)]
      .map((found) => found[1])
      .find((name) => !/^(string|number|boolean|any|hash|list)/.test(name) || /[A-Z]/.test(name.slice(1)));
    const camelName = value.match(/(?:struct\.|this\._)(\w+)/)?.[1];
    return {
      name: match[1].replace(/"/g, ''),
      camelName,
      isBlock: match[3] === 'true',
      collection: match[4],
      storage: match[5],
      ...(struct && !/^(string|number|boolean|any)$/.test(struct) ? { struct } : {}),
    };
  });
}

function readOptionality(declarations: string): Map<string, Map<string, boolean>> {
  const interfaces = new Map<string, Map<string, boolean>>();
  for (const match of declarations.matchAll(/export interface (\w+)(?: extends [\w.]+)? \{([\s\S]*?)\n\}/g)) {
    const properties = new Map<string, boolean>();
    for (const property of match[2].matchAll(/readonly (\w+)(\?)?:/g))
      properties.set(property[1], property[2] !== '?');
    interfaces.set(match[1], properties);
  }
  return interfaces;
}

const scalar = (storage: string): SchemaNode | undefined => {
  const base = storage.replace(/(List|Map)$/, '');
  if (base === 'string') return { type: 'string' };
  if (base === 'number') return { type: 'number' };
  if (base === 'boolean') return { type: 'boolean' };
  if (base === 'any') return { any: true };
  return undefined;
};

/** The Terraform kinds of one generated module (`lib/<name>/index.js` + `index.d.ts`). */
export function cdktfModuleKinds(
  directory: string,
  code: string,
  declarations: string,
  version: string,
): KindSchema[] {
  const type = code.match(/\.tfResourceType = "([\w-]+)";/)?.[1];
  const className = code.match(/\n(\w+)\.tfResourceType = /)?.[1];
  if (!type || !className) return [];
  const optionality = readOptionality(declarations);
  const structs = new Map<string, AttributeInfo[]>();
  for (const match of code.matchAll(STRUCT_FUNCTION)) structs.set(match[1], readAttributes(match[2]));
  const classBody = code.slice(code.indexOf('synthesizeHclAttributes()'));
  const build = (attributes: AttributeInfo[], interfaceName: string, depth: number): SchemaNode => {
    const properties: Record<string, SchemaNode> = {};
    const required: string[] = [];
    const marks = optionality.get(interfaceName);
    for (const attribute of attributes) {
      let node: SchemaNode;
      if (attribute.struct && structs.has(attribute.struct) && depth < 12) {
        const child = build(
          structs.get(attribute.struct)!,
          attribute.struct[0].toUpperCase() + attribute.struct.slice(1),
          depth + 1,
        );
        node =
          attribute.isBlock || attribute.collection === 'list' || attribute.collection === 'set'
            ? { type: 'array', items: child }
            : attribute.collection === 'map'
              ? { type: 'object', additionalProperties: child }
              : child;
      } else {
        const base = scalar(attribute.storage) ?? { any: true };
        node =
          attribute.collection === 'list' || attribute.collection === 'set'
            ? { type: 'array', items: base }
            : attribute.collection === 'map'
              ? { type: 'object', additionalProperties: base }
              : base;
      }
      properties[attribute.name] = node;
      if (attribute.camelName && marks?.get(attribute.camelName)) required.push(attribute.name);
    }
    return { type: 'object', properties, ...(required.length ? { required } : {}) };
  };
  const schema = build(readAttributes(classBody), `${className}Config`, 0);
  const isData = directory.startsWith('data-');
  return [
    {
      key: isData ? `data.${type}` : type,
      tool: 'terraform',
      group: type.split('_')[0],
      kind: type,
      versions: [{ name: version, served: true, storage: true, schema }],
    },
  ];
}

/** The provider version a cdktf package was generated from (`providerVersion: '6.25.0'`). */
export function cdktfProviderVersion(code: string): string | undefined {
  return code.match(/providerVersion: '([^']+)'/)?.[1];
}
