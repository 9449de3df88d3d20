import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ContextSchema, type IacTool } from '../constraints/schema.js';
import { UsageError } from '../errors/index.js';
import { resolveInside, writeInside } from '../fs/confine.js';
import { openRepo, type Repo } from '../git/repo.js';
import { isInsideWorkTree, parentWorkTree } from './work-tree.js';
import { coreFiles, type InitContext, type InitFileWriter, type PlannedFile } from './init-files.js';

/** What `infrakit init` was asked to do. */
export interface InitOptions {
  /** Target directory, absolute or relative to `cwd`. */
  directory: string;
  cwd: string;
  iac: IacTool;
  provider?: 'aws';
  region?: string;
  /** Write into a non-empty directory, overwriting infrakit's own files. */
  force?: boolean;
  /** Run git init and commit (default true). */
  git?: boolean;
  templatesDirectory: string;
  /** Extra writers run after the core files (e.g. `--ai`). Their paths must stay inside the project. */
  extraWriters?: InitFileWriter[];
  /** Injected for tests; defaults to simple-git over the target. */
  openRepository?: (root: string) => Repo;
  /** Injected for tests; defaults to asking git whether `root` is inside any work tree. */
  insideWorkTree?: (root: string) => Promise<boolean>;
  /**
   * Commit into the git repository that already contains the directory (a monorepo folder). Without
   * it, such a directory is refused before anything is written: every step would commit there.
   */
  inParentRepository?: boolean;
}

/** What init did. */
export interface InitResult {
  root: string;
  iac: IacTool;
  /** Every file written, relative to root, in write order. */
  files: string[];
  git: { initialised: boolean; commit?: string } | undefined;
}

/** Creates a new infrakit project: constraint files, output folder, .gitignore, then one commit. */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.cwd, options.directory);
  const region = ContextSchema.shape.region.safeParse(options.region ?? 'us-east-1');
  if (!region.success) {
    throw new UsageError(`--region "${options.region}": ${region.error.issues[0]?.message}`, {
      hint: 'Use an AWS region code such as eu-west-1.',
    });
  }
  await ensureEmptyOrForced(root, options.directory, Boolean(options.force));
  if (options.git !== false && !options.inParentRepository)
    await refuseParentRepository(root, options.directory);
  await mkdir(root, { recursive: true });
  const context: InitContext = {
    root,
    projectName: basename(root),
    iac: options.iac,
    provider: options.provider ?? 'aws',
    region: region.data,
    templatesDirectory: options.templatesDirectory,
  };
  const planned: PlannedFile[] = [];
  for (const writer of [coreFiles, ...(options.extraWriters ?? [])]) planned.push(...(await writer(context)));
  const files: string[] = [];
  for (const file of planned) {
    const target = await resolveInside(root, file.path, { forbiddenTopLevel: [] });
    const content =
      file.path === '.gitignore' ? mergeIgnoreFile(await readOptional(target), file.content) : file.content;
    await writeInside(root, file.path, content, { forbiddenTopLevel: [] });
    if (!files.includes(file.path)) files.push(file.path);
  }
  if (options.git === false) return { root, iac: options.iac, files, git: undefined };
  const repository = (options.openRepository ?? openRepo)(root);
  // Inside an existing work tree (a monorepo folder), commit there instead of nesting a new repository.
  const existing = (await repository.isRepo()) || (await (options.insideWorkTree ?? isInsideWorkTree)(root));
  if (!existing) await repository.init();
  const commit = await repository.commitPaths(files, `infrakit init: ${options.iac} project constraints`);
  return { root, iac: options.iac, files, git: { initialised: !existing, commit } };
}

async function refuseParentRepository(root: string, shown: string): Promise<void> {
  const parent = await parentWorkTree(root);
  if (!parent) return;
  throw new UsageError(
    `"${shown}" is inside the git repository at ${parent}; infrakit commits every step, so the project's commits would land in that repository. Nothing was written`,
    {
      hint: `Create the project outside it (e.g. infrakit init ~/${basename(root)} ...), or pass --in-parent-repo to commit there on purpose (a monorepo folder), or --no-git.`,
    },
  );
}

async function ensureEmptyOrForced(root: string, shown: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    const info = await stat(root);
    if (!info.isDirectory()) {
      throw new UsageError(`"${shown}" exists and is not a directory`, {
        hint: 'Choose another path for the project.',
      });
    }
    entries = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // A bare `git init` is fine: init commits into the existing repository.
  const content = entries.filter((entry) => entry !== '.git');
  if (content.length === 0 || force) return;
  const listed =
    content.slice(0, 5).join(', ') + (content.length > 5 ? `, and ${content.length - 5} more` : '');
  throw new UsageError(`"${shown}" is not empty (it contains ${listed}); init refuses to write into it`, {
    hint: `Pick an empty or new directory, or pass --force to add infrakit's files anyway (${join('.infrakit', '*.md')} and the output folder's README.md are overwritten; an existing .gitignore is kept and extended).`,
  });
}

/** Keeps an existing .gitignore (under --force) and appends only the patterns it lacks. */
export function mergeIgnoreFile(existing: string | undefined, ours: string): string {
  if (existing === undefined || existing.trim() === '') return ours;
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = ours
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#') && !present.has(line.trim()));
  if (missing.length === 0) return existing;
  const separator = existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}\n# Added by infrakit init\n${missing.join('\n')}\n`;
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}
