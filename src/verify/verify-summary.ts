/** The counts one verify run ends with. */
export interface VerifyCounts {
  resources: number;
  files: number;
  /** Resources that need a schema (package metadata such as crossplane.yaml is read, not checked). */
  checkable: number;
  /** Resources really checked against a schema (a provider's, an XRD, a core Kubernetes kind). */
  checked: number;
  /** Of `checked`, those checked only against the project's own XRDs (examples, claims). */
  againstProjectXrds: number;
  errors: number;
  warnings: number;
}

import { PROJECT_XRDS_SOURCE } from './project-xrds.js';

/** How many resources were checked against the project's own XRDs rather than an imported or built-in schema. */
export const againstProjectXrds = (checked: ReadonlyArray<{ source: { name: string } }>): number =>
  checked.filter((entry) => entry.source.name === PROJECT_XRDS_SOURCE).length;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The one-line summary. It says "every field matches its schema" only when every resource was
 * checked against one; otherwise it says how many of how many were, so that a run that checked
 * nothing never reads as a pass.
 */
export function verifySummary(counts: VerifyCounts): string {
  const where = `${plural(counts.resources, 'resource')} in ${plural(counts.files, 'file')}`;
  const warnings = counts.warnings ? plural(counts.warnings, 'warning') : '';
  const unchecked = counts.checkable - counts.checked;
  if (unchecked <= 0)
    return counts.errors === 0
      ? `verify: ${where}: every field matches its schema${warnings ? ` (${warnings})` : ''}`
      : `verify: ${where}: ${plural(counts.errors, 'error')}${warnings ? `, ${warnings}` : ''}`;
  const coverage =
    counts.checked === 0
      ? `none of the ${plural(counts.checkable, 'resource')} was checked against a schema (no schema imported for ${counts.checkable === 1 ? 'its kind' : 'their kinds'})`
      : `${counts.checked} of ${counts.checkable} resources checked against a schema${counts.againstProjectXrds ? ` (${counts.againstProjectXrds} only against the project's own XRDs)` : ''}, ${unchecked} not (no schema imported for ${unchecked === 1 ? 'its kind' : 'their kinds'})`;
  const outcome =
    counts.errors === 0
      ? `${counts.checked === 0 ? '' : 'no errors'}${warnings ? `${counts.checked === 0 ? '' : ', '}${warnings}` : ''}`
      : `${plural(counts.errors, 'error')}${warnings ? `, ${warnings}` : ''}`;
  return `verify: ${where}: ${coverage}${outcome ? `; ${outcome}` : ''}`;
}
