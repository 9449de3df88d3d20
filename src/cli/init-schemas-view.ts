import type { IacTool } from '../constraints/schema.js';
import type { PreparedSchemas } from '../schemas/discover/prepare-schemas.js';
import { ROLE_LABEL } from '../schemas/discover/schema-roles.js';
import type { Style } from './io.js';

/** The `schemas:` lines of `infrakit init`: what was imported, from where, and what is still missing. */
export function schemaLines(iac: IacTool, prepared: PreparedSchemas | undefined, style: Style): string[] {
  if (!prepared) return ['  schemas: not searched (--no-schemas)'];
  if (iac === 'cloudformation')
    return ['  schemas: the CloudFormation resource specification ships with infrakit (built in)'];
  const lines = prepared.imported.map(
    (source) =>
      `  schemas: imported ${source.name} ${source.version}, ${source.kinds} kinds, from ${source.from} ${style.dim(`(${source.fromCache ? 'from the user cache' : 'derived'}, ${source.milliseconds} ms)`)}`,
  );
  if (prepared.missing.length === 0 && prepared.imported.length === 0)
    lines.push('  schemas: already imported');
  for (const role of prepared.missing)
    lines.push(style.yellow(`  schemas: missing ${ROLE_LABEL[role]}: verify cannot check those kinds yet`));
  if (prepared.missing.length) lines.push(...prepared.notes.map((note) => `    ${style.dim(note)}`));
  return lines;
}

/** The next steps that import what is missing, first in the list. */
export function schemaSteps(prepared: PreparedSchemas | undefined, style: Style): string[] {
  if (!prepared?.fix) return [];
  // A fix line that already ends in a `#` comment (the other ways to get the CRDs) is shown as it is.
  return [
    prepared.fix.includes(' # ')
      ? `  ${prepared.fix}`
      : `  ${prepared.fix}   ${style.dim('# the schemas verify checks against')}`,
  ];
}
