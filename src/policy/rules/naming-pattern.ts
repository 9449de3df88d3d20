import type { Context } from '../../constraints/schema.js';
import type { PolicyRule } from '../rule.js';
import { lineOf } from '../resource-view.js';
import { physicalName, WILDCARD } from '../names.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Kinds whose provider forbids dashes: the kebab convention yields to underscores there. */
export const UNDERSCORE_KINDS = new Set(['keyspaces-keyspace', 'keyspaces-table']);

/** A regex for the context's naming pattern, accepting WILDCARD for parts known only at deploy time. */
export function namingRegex(
  context: Context,
  separator: '-' | '_' | '' = context.naming.case === 'snake'
    ? '_'
    : context.naming.case === 'camel'
      ? ''
      : '-',
): RegExp {
  const unit = context.naming.case === 'camel' ? `[a-zA-Z0-9${WILDCARD}]` : `[a-z0-9${WILDCARD}]`;
  const segment = separator ? `${unit}+(?:${escape(separator)}${unit}+)*` : `${unit}+`;
  const environments = [
    ...context.environments.map((environment) => escape(environment.name)),
    WILDCARD,
  ].join('|');
  let source = '';
  for (const part of context.naming.pattern.split(/(\{[a-z]+\})/)) {
    if (part === '') continue;
    if (part === '{env}' || part === '{environment}') source += `(?:${environments}|${segment})`;
    else if (/^\{[a-z]+\}$/.test(part)) source += segment;
    else
      source += escape(separator && /^[-_]$/.test(part) ? separator : part.replace(/-/g, separator || '-'));
  }
  return new RegExp(`^${source}$`);
}

/** IK-NAME-001: physical names follow the naming pattern in context.md. */
export const namingPatternRule: PolicyRule = {
  id: 'IK-NAME-001',
  title: 'Name does not follow the naming pattern',
  rationale:
    'Predictable names tie a resource to its environment and owner at a glance and keep IAM policies written against name prefixes working.',
  controls: ['SOC 2 CC6.1', 'NIST 800-53 CM-8'],
  severity: () => 'low',
  appliesTo: () => true,
  check(view, context) {
    const found = physicalName(view);
    if (!found || !view.entry) return [];
    const naming = context.constraints.context.naming;
    const underscore = UNDERSCORE_KINDS.has(view.entry.kind) && naming.case === 'kebab';
    const regex = namingRegex(context.constraints.context, underscore ? '_' : undefined);
    if (regex.test(found.name)) return [];
    const shown = found.name.replace(new RegExp(WILDCARD, 'g'), '…');
    const pattern = underscore ? naming.pattern.replace(/-/g, '_') : naming.pattern;
    return [
      {
        message: `name "${shown}" does not follow ${pattern}${underscore ? ' (dashes become underscores: this provider forbids them)' : ''}`,
        fieldPath: found.fieldPath,
        line: lineOf(view, found.relative),
        fix: `Rename to the pattern ${pattern} in ${naming.case === 'kebab' && !underscore ? 'kebab-case' : underscore ? 'snake_case' : naming.case}.`,
      },
    ];
  },
};
