/**
 * Names git refuses to track, checked before anything is written: a commit that would fail
 * after the files are on disk leaves the track stuck and the index dirty.
 */

/** A path segment as git compares it to `.git` (case-insensitive, trailing dots and spaces dropped, NTFS short name). */
const isGitDirectoryName = (segment: string): boolean => {
  const folded = segment.toLowerCase().replace(/[. ]+$/, '');
  return folded === '.git' || folded === 'git~1';
};

/**
 * Files a generated answer may not write: they change how git sees the other files (ignore
 * them, re-encode them, pull in submodules), so the step's own files would not be committed as written.
 */
const GIT_CONTROL_FILES = new Set(['.gitignore', '.gitattributes', '.gitmodules']);

/** Why git would refuse or reinterpret `path` (relative, `/`-separated), or undefined when it is fine. */
export function refusedGitNameProblem(path: string): string | undefined {
  const segments = path.split(/[\\/]+/).filter(Boolean);
  const gitSegment = segments.find(isGitDirectoryName);
  if (gitSegment !== undefined)
    return `"${gitSegment}" is git's own folder name (git refuses ".git" in any case, with trailing dots, at any depth)`;
  const last = segments[segments.length - 1]?.toLowerCase().replace(/[. ]+$/, '');
  if (last && GIT_CONTROL_FILES.has(last))
    return `${last} changes how git treats the other files (ignored, re-encoded or submodules), so generated code may not write it`;
  return undefined;
}
