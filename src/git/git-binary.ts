import { findBinary } from '../validators/find-binary.js';
import { searchDirectories } from '../validators/validator-environment.js';

/** No git program on the PATH outside the project. */
export class GitNotFoundError extends Error {
  constructor(readonly directory: string) {
    super(
      'git was not found on PATH (relative PATH entries and folders inside the project are not searched: a repository could plant its own git there)',
    );
    this.name = 'GitNotFoundError';
  }
}

const NAMES = process.platform === 'win32' ? ['git.exe'] : ['git'];

/** The trusted folders, and the git found in them, per project folder and PATH: worked out once per process. */
const folders = new Map<string, readonly string[]>();
const found = new Map<string, Promise<string>>();

/**
 * The PATH folders git is looked for in, and that git itself gets as its PATH: relative entries and
 * folders inside `directory` are left out (the rule the validators follow, `searchDirectories`).
 */
export function trustedGitFolders(directory: string, pathVariable: string): readonly string[] {
  const key = `${directory}\0${pathVariable}`;
  let trusted = folders.get(key);
  if (trusted === undefined) {
    trusted = searchDirectories({ path: pathVariable, variables: {} }, directory);
    folders.set(key, trusted);
  }
  return trusted;
}

/**
 * The absolute path of the git program infrakit runs in `directory`: the first `git` in the
 * trustedGitFolders of PATH, so a repository's own `git` (a committed `bin/git`,
 * `node_modules/.bin/git` under `npx`) never runs.
 * Rejects with GitNotFoundError when there is none; a later call searches again.
 */
export function locateGit(directory: string, pathVariable = process.env.PATH ?? ''): Promise<string> {
  const key = `${directory}\0${pathVariable}`;
  const known = found.get(key);
  if (known) return known;
  const search = findBinary(NAMES, trustedGitFolders(directory, pathVariable)).then((path) => {
    if (!path) throw new GitNotFoundError(directory);
    return path;
  });
  found.set(key, search);
  search.catch(() => found.delete(key));
  return search;
}
