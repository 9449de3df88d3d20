import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { InfrakitError, ExitCode } from '../errors/index.js';

/** A model-chosen path that would land outside the folder it was allowed to write to. */
export class PathEscapeError extends InfrakitError {
  readonly requestedPath: string;
  constructor(requestedPath: string, reason: string) {
    super(`refused to write "${printable(requestedPath)}": ${reason}`, ExitCode.blocked, {
      hint: 'Generated files must use a relative path inside the target folder.',
    });
    this.requestedPath = requestedPath;
  }
}

export interface ConfineOptions {
  /** Top-level names that may never be written, e.g. `.git`, `.infrakit`. */
  forbiddenTopLevel?: string[];
  maxSegmentLength?: number;
  maxPathLength?: number;
}

const DEFAULT_FORBIDDEN = ['.git', '.infrakit'];

/**
 * Resolves a relative path requested by a model to an absolute path inside `root`, or throws
 * PathEscapeError. Rejects absolute and drive paths, `..`, NUL bytes, over-long names, forbidden
 * top-level folders, and any existing symlink on the way that resolves outside `root`.
 */
export async function resolveInside(
  root: string,
  requested: string,
  options: ConfineOptions = {},
): Promise<string> {
  const maxSegment = options.maxSegmentLength ?? 255;
  const maxPath = options.maxPathLength ?? 1024;
  const forbidden = options.forbiddenTopLevel ?? DEFAULT_FORBIDDEN;
  if (typeof requested !== 'string' || requested.length === 0)
    throw new PathEscapeError(String(requested), 'empty path');
  if (requested.includes('\0')) throw new PathEscapeError(requested, 'the path contains a NUL byte');
  if (requested.length > maxPath)
    throw new PathEscapeError(requested, `the path is longer than ${maxPath} characters`);
  if (/^[a-zA-Z]:/.test(requested) || requested.startsWith('\\\\')) {
    throw new PathEscapeError(requested, 'Windows drive and UNC paths are not allowed');
  }
  if (isAbsolute(requested) || requested.startsWith('/') || requested.startsWith('\\')) {
    throw new PathEscapeError(requested, 'absolute paths are not allowed');
  }
  const segments = requested.split(/[\\/]+/).filter((segment) => segment.length > 0 && segment !== '.');
  if (segments.length === 0) throw new PathEscapeError(requested, 'the path names no file');
  if (segments.some((segment) => segment === '..'))
    throw new PathEscapeError(requested, '".." is not allowed');
  const tooLong = segments.find((segment) => Buffer.byteLength(segment) > maxSegment);
  if (tooLong) throw new PathEscapeError(requested, `a path segment is longer than ${maxSegment} bytes`);
  if (forbidden.includes(segments[0])) {
    throw new PathEscapeError(requested, `writing into ${segments[0]}/ is not allowed`);
  }

  const rootReal = await realpath(resolve(root));
  const target = join(rootReal, ...segments);
  const rel = relative(rootReal, normalize(target));
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new PathEscapeError(requested, 'the path leaves the target folder');

  // Walk every existing component: a symlink anywhere on the way must stay inside root.
  let current = rootReal;
  for (const segment of segments) {
    current = join(current, segment);
    let stats;
    try {
      stats = await lstat(current);
    } catch {
      break; // does not exist yet: nothing below it can be a link
    }
    if (stats.isSymbolicLink()) {
      const resolved = await realpath(current).catch(() => undefined);
      if (!resolved || !isWithin(rootReal, resolved)) {
        throw new PathEscapeError(
          requested,
          `"${relative(rootReal, current)}" is a symlink that points outside the target folder`,
        );
      }
    }
  }
  return target;
}

/** True when `candidate` is `root` or below it (both absolute, real paths). */
export function isWithin(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(sep));
}

function printable(value: string): string {
  const shown = value.replace(/\0/g, '\\0');
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}
