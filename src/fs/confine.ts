import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InfrakitError, ExitCode } from '../errors/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { printable } from '../util/printable.js';
import { reservedReason } from './reserved-names.js';

/** A path that would reach outside the project, into .git/ or .infrakit/, or through a bad link. */
export class PathEscapeError extends InfrakitError {
  readonly requestedPath: string;
  constructor(requestedPath: string, reason: string, action: 'write' | 'read' = 'write') {
    super(`refused to ${action} "${shownPath(requestedPath)}": ${reason}`, ExitCode.blocked, {
      hint:
        action === 'write'
          ? 'Generated files must use a relative path inside the target folder, outside .git/ and .infrakit/.'
          : 'Only files inside the project, outside .git/, are read; remove or fix the link.',
    });
    this.requestedPath = requestedPath;
  }
}

export interface ConfineOptions {
  /**
   * Top-level names that may never be written. `.git` is refused at every depth whatever this says;
   * leaving `.infrakit` out means infrakit itself is writing its own file there.
   */
  forbiddenTopLevel?: string[];
  /** The project root the .git/ and .infrakit/ rule is measured from, when `root` is a folder inside it. */
  projectRoot?: string;
  /** What the path must name: a file (the default) or a folder. */
  kind?: 'file' | 'folder';
  maxSegmentLength?: number;
  maxPathLength?: number;
}

const DEFAULT_FORBIDDEN = ['.git', '.infrakit'];
/** Room left in a 255-byte name for the temporary name an atomic write uses (`.<name>.<pid>.<hex>.tmp`). */
const DEFAULT_MAX_SEGMENT = 200;

/**
 * The one confinement rule for paths a model, a repository or an MCP client chose. Resolves
 * `requested` (relative to `root`) to an absolute path inside `root`, or throws PathEscapeError.
 * Refuses absolute and drive paths, `..`, NUL bytes and over-long names, then walks every existing
 * component, resolving symlinks: each must stay inside `root`, never reach `.git/` (any case, any
 * depth, trailing dots) or `.infrakit/` (unless allowed), and be a folder where one is needed.
 */
export async function resolveInside(
  root: string,
  requested: string,
  options: ConfineOptions = {},
): Promise<string> {
  return (await resolveConfined(root, requested, options)).target;
}

async function resolveConfined(
  root: string,
  requested: string,
  options: ConfineOptions,
): Promise<{ target: string; confinement: Confinement }> {
  const maxSegment = options.maxSegmentLength ?? DEFAULT_MAX_SEGMENT;
  const maxPath = options.maxPathLength ?? 1024;
  const forbidden = options.forbiddenTopLevel ?? DEFAULT_FORBIDDEN;
  const allowInfrakit = !forbidden.includes('.infrakit');
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
  const topLevel = forbidden.filter((name) => name !== '.git' && name !== '.infrakit');
  if (topLevel.includes(segments[0]))
    throw new PathEscapeError(requested, `writing into ${segments[0]}/ is not allowed`);

  const confinement = await confinementOf(root, options);
  const { rootReal, projectReal } = confinement;
  const lexical = reservedReason(
    [...relative(projectReal, rootReal).split(sep).filter(Boolean), ...segments],
    allowInfrakit,
  );
  // Measured from the project root and, as before, from the target folder: an `.infrakit/` at the
  // top of the code folder is refused too.
  const local = lexical ?? reservedReason(segments, allowInfrakit);
  if (local) throw new PathEscapeError(requested, local);

  // Walk every existing component, resolving links: where each one really is must be allowed too.
  let current = rootReal;
  for (const [index, segment] of segments.entries()) {
    current = join(current, segment);
    const shown = relative(rootReal, current);
    const link = await lstat(current).then(
      (stats) => stats.isSymbolicLink(),
      () => undefined,
    );
    if (link === undefined) break; // does not exist yet: nothing below it can be a link
    const real = await realpath(current).catch(() => undefined);
    if (!real)
      throw new PathEscapeError(requested, `"${shown}" is a symlink to something that does not exist`);
    const place = placeProblem(confinement, real);
    if (place === OUTSIDE)
      throw new PathEscapeError(
        requested,
        `"${shown}" ${link ? 'is a symlink that points' : 'resolves'} outside the target folder`,
      );
    if (place) throw new PathEscapeError(requested, `"${shown}" leads into ${place}`);
    const last = index === segments.length - 1;
    const directory = (await stat(real)).isDirectory();
    if (!last && !directory)
      throw new PathEscapeError(requested, `"${shown}" is a file, so nothing can be created inside it`);
    if (last && directory && (options.kind ?? 'file') === 'file')
      throw new PathEscapeError(requested, `"${shown}" is a folder, not a file`);
    if (last && !directory && options.kind === 'folder')
      throw new PathEscapeError(requested, `"${shown}" is a file, not a folder`);
  }
  return { target: join(rootReal, ...segments), confinement };
}

/**
 * Writes `data` at `requested` (relative to `root`) under the confinement rule of resolveInside,
 * checked twice: on the path before writing, and on the folder writeFileAtomic really opened, so
 * a parent swapped for a symlink between the check and the write is refused, not followed.
 * `afterCheck` runs between the two (the tests plant the link there). Returns the absolute path.
 */
export async function writeInside(
  root: string,
  requested: string,
  data: string | Uint8Array,
  options: ConfineOptions & {
    afterCheck?: () => Promise<void>;
    /** Runs before each missing folder is created (the tests swap a created level for a link there). */
    beforeFolder?: (folder: string) => Promise<void>;
  } = {},
): Promise<string> {
  const { target, confinement } = await resolveConfined(root, requested, options);
  await options.afterCheck?.();
  await createFolders(confinement, target, requested, options.beforeFolder);
  await writeFileAtomic(target, data, {
    verifyFolder: (realFolder) => {
      const place = placeProblem(confinement, realFolder);
      if (place)
        throw new PathEscapeError(
          requested,
          `its folder was replaced after the check and now leads ${place === OUTSIDE ? 'outside the target folder' : `into ${place}`}`,
        );
    },
  });
  return target;
}

/**
 * Creates the missing folders above `target` one level at a time (never `mkdir -p`, which follows
 * a link planted on the way): before each level the folder it goes into must still really be an
 * allowed place, and each created level must be a real folder (lstat: not a link) whose real
 * path is allowed. So nothing, not even an empty folder, is created through a planted link.
 */
async function createFolders(
  confinement: Confinement,
  target: string,
  requested: string,
  beforeFolder?: (folder: string) => Promise<void>,
): Promise<void> {
  const levels = relative(confinement.rootReal, dirname(target)).split(sep).filter(Boolean);
  let current = confinement.rootReal;
  for (const level of levels) {
    const next = join(current, level);
    if (
      await lstat(next).then(
        () => true,
        () => false,
      )
    ) {
      current = next;
      continue;
    }
    await beforeFolder?.(next);
    await checkFolder(confinement, current, requested);
    await mkdir(next).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const stats = await lstat(next);
    if (stats.isSymbolicLink() || !stats.isDirectory())
      throw new PathEscapeError(
        requested,
        `"${relative(confinement.rootReal, next)}" was replaced by ${stats.isSymbolicLink() ? 'a link' : 'a file'} while its folders were created`,
      );
    await checkFolder(confinement, next, requested);
    current = next;
  }
}

/** Refuses `folder` when its real path (now) is outside the target folder or reserved. */
async function checkFolder(confinement: Confinement, folder: string, requested: string): Promise<void> {
  const real = await realpath(folder).catch(() => undefined);
  const shown = relative(confinement.rootReal, folder) || '.';
  if (!real) throw new PathEscapeError(requested, `"${shown}" vanished while its folders were created`);
  const place = placeProblem(confinement, real);
  if (place)
    throw new PathEscapeError(
      requested,
      `"${shown}" was replaced while its folders were created and now leads ${place === OUTSIDE ? 'outside the target folder' : `into ${place}`}`,
    );
}

interface Confinement {
  rootReal: string;
  projectReal: string;
  allowInfrakit: boolean;
}

async function confinementOf(root: string, options: ConfineOptions): Promise<Confinement> {
  const rootReal = await realpath(resolve(root));
  const projectReal = options.projectRoot ? await realpath(resolve(options.projectRoot)) : rootReal;
  return {
    rootReal,
    projectReal,
    allowInfrakit: !(options.forbiddenTopLevel ?? DEFAULT_FORBIDDEN).includes('.infrakit'),
  };
}

const OUTSIDE = 'outside';

/** Why a real path may not be written under `confinement`: OUTSIDE, a reserved folder, or undefined. */
function placeProblem(confinement: Confinement, real: string): string | undefined {
  if (!isWithin(confinement.rootReal, real)) return OUTSIDE;
  const reason = reservedReason(
    relative(confinement.projectReal, real).split(sep).filter(Boolean),
    confinement.allowInfrakit,
  );
  return reason?.replace(/^"[^"]*" is /, '');
}

/**
 * The real path of an existing file or folder that project content is read from, confined like
 * resolveInside: the target of every link must be inside `projectRoot` and outside `.git/` (and
 * outside `.infrakit/` unless `allowInfrakitFolder`). `path` is absolute or relative to the root.
 * A missing path rejects with the file system's own ENOENT, so callers can treat it as absent.
 */
export async function resolveReadable(
  projectRoot: string,
  path: string,
  options: { allowInfrakitFolder?: boolean } = {},
): Promise<string> {
  if (path.includes('\0')) throw new PathEscapeError(path, 'the path contains a NUL byte', 'read');
  const rootReal = await realpath(resolve(projectRoot));
  const real = await realpath(resolve(rootReal, path));
  if (!isWithin(rootReal, real))
    throw new PathEscapeError(path, 'it is, or links to, a place outside the project', 'read');
  const reason = reservedReason(
    relative(rootReal, real).split(sep).filter(Boolean),
    options.allowInfrakitFolder ?? false,
  );
  if (reason) throw new PathEscapeError(path, `it leads into ${reason.replace(/^"[^"]*" is /, '')}`, 'read');
  return real;
}

/** True when `candidate` is `root` or below it (both absolute, real paths). */
export function isWithin(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The requested path as an error shows it: control characters escaped, at most 120 characters. */
function shownPath(value: string): string {
  const shown = printable(value);
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}
