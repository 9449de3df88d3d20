/**
 * The folder names infrakit never lets project content reach, compared the way the file systems
 * and git compare them: any case (`.GIT` is `.git` on macOS and Windows), trailing dots and
 * spaces dropped (`.git.` is `.git` on Windows), NTFS stream suffixes dropped (`.git::$INDEX_ALLOCATION`)
 * and the 8.3 short name `GIT~1`.
 */

/** A path segment as a case-insensitive, trailing-dot-insensitive file system sees it. */
export function comparableName(segment: string): string {
  return segment
    .replace(/:.*$/, '')
    .replace(/[. ]+$/, '')
    .toLowerCase();
}

/** True for a segment that is, or is read as, git's own folder. */
export function isGitFolderName(segment: string): boolean {
  const name = comparableName(segment);
  return name === '.git' || name === 'git~1';
}

/** True for a segment that is, or is read as, infrakit's own folder. */
export function isInfrakitFolderName(segment: string): boolean {
  const name = comparableName(segment);
  return name === '.infrakit' || name === 'infrak~1';
}

/**
 * Why a path (segments relative to the project root) may not be touched, or undefined when it may.
 * `.git` is refused at any depth; `.infrakit` only at the top, and only when infrakit is not
 * writing its own file there.
 */
export function reservedReason(segments: string[], allowInfrakitFolder: boolean): string | undefined {
  const git = segments.find(isGitFolderName);
  if (git !== undefined) return `"${git}" is git's own folder (.git/), which is never read or written`;
  if (!allowInfrakitFolder && segments[0] !== undefined && isInfrakitFolderName(segments[0]))
    return `"${segments[0]}" is infrakit's own folder (.infrakit/), which generated content may not touch`;
  return undefined;
}
