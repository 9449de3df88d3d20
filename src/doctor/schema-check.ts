import type { IacTool } from '../constraints/schema.js';
import type { SchemaCoverage } from '../schemas/discover/project-coverage.js';
import { fixLine, ROLE_LABEL } from '../schemas/discover/schema-roles.js';
import type { DoctorCheck } from './check.js';

/** The doctor's line for the provider schemas: verify cannot pass a track without them. */
export function checkSchemas(iac: IacTool, coverage: SchemaCoverage): DoctorCheck {
  const base = { id: 'schemas', title: 'schemas', required: true } as const;
  if (coverage.needed.length === 0)
    return {
      ...base,
      status: 'ok',
      detail: `${iac}: the resource specification ships with infrakit (built in)`,
    };
  if (coverage.missing.length === 0)
    return { ...base, status: 'ok', detail: coverage.packs.join(', ') || 'imported' };
  return {
    ...base,
    status: 'missing',
    detail: `missing ${coverage.missing.map((role) => ROLE_LABEL[role]).join(' and ')}: verify cannot check the kinds this ${iac} project uses${coverage.packs.length ? ` (imported: ${coverage.packs.join(', ')})` : ''}`,
    fix: fixLine(coverage.missing),
  };
}
