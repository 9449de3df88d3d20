import type { SourceLocation } from '../iac/resource-model.js';

/** A comment, metadata key or annotation in a source that tells a scanner or controller to skip it. */
export interface EmbeddedSuppression {
  location: SourceLocation;
  /** e.g. `checkov:skip`, `cfn-lint ignore_checks`, `crossplane.io/paused`. */
  marker: string;
  /** The line, trimmed and cut to 120 characters. */
  text: string;
}

/** Each marker and the pattern that finds it on one line. */
const MARKERS: ReadonlyArray<{ marker: string; pattern: RegExp }> = [
  { marker: 'cfn-lint ignore_checks', pattern: /\bignore_checks\b\s*:/ },
  { marker: 'cfn_nag rules_to_suppress', pattern: /\brules_to_suppress\b\s*:/ },
  { marker: 'checkov:skip', pattern: /\bcheckov:skip\b/i },
  { marker: 'tfsec:ignore', pattern: /\btfsec:ignore\b/i },
  { marker: 'trivy:ignore', pattern: /\btrivy:ignore\b/i },
  { marker: 'kics-scan ignore', pattern: /\bkics-scan\s+(ignore|disable)/i },
  { marker: 'nosec', pattern: /(#|\/\/|\/\*)\s*(nosec|nosemgrep|noqa|lint:ignore|tflint-ignore)\b/i },
  { marker: 'crossplane.io/paused', pattern: /crossplane\.io\/paused["']?\s*:\s*["']?true/i },
  {
    marker: 'crossplane render skip',
    pattern: /(render\.crossplane\.io\/[a-z-]*skip|crossplane\.io\/skip[a-z-]*)["']?\s*:/i,
  },
];

/** Every suppression marker in a file's text, one per line that holds one. */
export function findEmbeddedSuppressions(text: string, file: string): EmbeddedSuppression[] {
  const found: EmbeddedSuppression[] = [];
  // A marker found on a line is found in the whole text (no pattern is anchored or spans lines
  // only): most files hold none, and are not split.
  if (!MARKERS.some(({ pattern }) => pattern.test(text))) return found;
  text.split(/\r?\n/).forEach((line, index) => {
    const hit = MARKERS.find(({ pattern }) => pattern.test(line));
    if (hit)
      found.push({
        location: { file, line: index + 1 },
        marker: hit.marker,
        text: line.trim().slice(0, 120),
      });
  });
  return found;
}
