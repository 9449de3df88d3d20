import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PathEscapeError, resolveInside, resolveReadable } from '../../src/fs/confine.js';
import { scanFiles, type SkippedEntry } from '../../src/fs/scan-files.js';

let base: string;
let root: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'infrakit-confine-'));
  root = join(base, 'project');
  for (const folder of ['.git', '.infrakit', 'code', 'outside'].map((name) =>
    name === 'outside' ? join(base, name) : join(root, name),
  ))
    mkdirSync(folder, { recursive: true });
  writeFileSync(join(root, '.git', 'config'), '[core]\n');
  writeFileSync(join(base, 'outside', 'secret.yaml'), 'apiVersion: v1\n');
});

const refused = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(PathEscapeError);

describe('resolveInside', () => {
  it.each([
    '.git/config',
    '.GIT/config',
    'sub/.git/config',
    '.git./config',
    '.git /x',
    'GIT~1/config',
    'a/.Git/hooks/x',
  ])("refuses %s: git's folder at any depth, in any case, with trailing dots", async (path) =>
    refused(resolveInside(root, path)),
  );

  it('refuses .infrakit (any case) unless infrakit writes its own file there', async () => {
    await refused(resolveInside(root, '.infrakit/config.yaml'));
    await refused(resolveInside(root, '.INFRAKIT/config.yaml'));
    await expect(resolveInside(root, '.infrakit/config.yaml', { forbiddenTopLevel: [] })).resolves.toBe(
      join(root, '.infrakit', 'config.yaml'),
    );
  });

  it('refuses where a link resolves: into .git/, into .infrakit/, outside, or nowhere', async () => {
    symlinkSync('../.git', join(root, 'code', 'keyspace'));
    symlinkSync('../.infrakit', join(root, 'code', 'settings'));
    symlinkSync(join(base, 'outside'), join(root, 'code', 'vendor'));
    symlinkSync(join(root, 'missing'), join(root, 'code', 'dangling'));
    await expect(resolveInside(root, 'code/keyspace/config')).rejects.toThrow(/git's own folder/);
    await expect(resolveInside(root, 'code/settings/context.md')).rejects.toThrow(/infrakit's own folder/);
    await expect(resolveInside(root, 'code/vendor/x.yaml')).rejects.toThrow(/outside the target folder/);
    await expect(resolveInside(root, 'code/dangling/x.yaml')).rejects.toThrow(/does not exist/);
    // A code folder that is itself the planted link.
    await expect(resolveInside(root, 'code/keyspace', { kind: 'folder' })).rejects.toThrow(
      /git's own folder/,
    );
    // Inside a code folder given as the root, a link to a nested repository's .git is refused too.
    mkdirSync(join(root, 'code', 'repo', '.git'), { recursive: true });
    symlinkSync('repo/.git', join(root, 'code', 'hidden'));
    await expect(resolveInside(join(root, 'code'), 'hidden/config', { projectRoot: root })).rejects.toThrow(
      /git's own folder/,
    );
  });

  it('refuses a file or folder in the way, and names too long for an atomic write', async () => {
    writeFileSync(join(root, 'code', 'parts'), 'x');
    mkdirSync(join(root, 'code', 'bucket.yaml'));
    await expect(resolveInside(root, 'code/parts/a.yaml')).rejects.toThrow(
      /is a file, so nothing can be created/,
    );
    await expect(resolveInside(root, 'code/bucket.yaml')).rejects.toThrow(/is a folder, not a file/);
    await expect(resolveInside(root, `code/${'n'.repeat(240)}.yaml`)).rejects.toThrow(
      /longer than 200 bytes/,
    );
    await expect(resolveInside(root, 'code/new/bucket.yaml')).resolves.toBe(
      join(root, 'code', 'new', 'bucket.yaml'),
    );
  });
});

describe('resolveReadable', () => {
  it('reads inside the project only, never .git/, and .infrakit/ only when asked', async () => {
    symlinkSync(join(base, 'outside', 'secret.yaml'), join(root, 'code', 'linked.yaml'));
    symlinkSync('.git', join(root, 'gitlink'));
    writeFileSync(join(root, '.infrakit', 'context.md'), '---\n---\n');
    await expect(resolveReadable(root, 'code/linked.yaml')).rejects.toThrow(/outside the project/);
    await expect(resolveReadable(root, 'gitlink/config')).rejects.toThrow(/git's own folder/);
    await refused(resolveReadable(root, '.infrakit/context.md'));
    await expect(
      resolveReadable(root, '.infrakit/context.md', { allowInfrakitFolder: true }),
    ).resolves.toContain('context.md');
  });
});

describe('scanFiles', () => {
  it('keeps in-project links to files, skips links out, into .git/, to folders, and dangling, with a note', async () => {
    writeFileSync(join(root, 'code', 'own.yaml'), 'a: 1\n');
    symlinkSync('own.yaml', join(root, 'code', 'alias.yaml'));
    symlinkSync(join(base, 'outside', 'secret.yaml'), join(root, 'code', 'linked.yaml'));
    symlinkSync('../.git/config', join(root, 'code', 'gitconfig.yaml'));
    symlinkSync(join(base, 'outside'), join(root, 'code', 'vendor'));
    symlinkSync(join(root, 'missing.yaml'), join(root, 'code', 'dangling.yaml'));
    const skipped: SkippedEntry[] = [];
    const files = await scanFiles(join(root, 'code'), {
      boundary: root,
      includeFile: (name) => name.endsWith('.yaml'),
      includeFolder: () => true,
      skipped,
    });
    expect(files.map((file) => file.slice(root.length + 1))).toEqual(['code/alias.yaml', 'code/own.yaml']);
    expect(Object.fromEntries(skipped.map((entry) => [entry.file, entry.reason]))).toEqual({
      'code/dangling.yaml': 'a symlink to something that does not exist (dangling); skipped',
      'code/gitconfig.yaml':
        "a symlink into git's own folder (.git/), which is never read or written; not read",
      'code/linked.yaml': 'a symlink that leads outside the project; not read',
      'code/vendor': 'a symlink that leads outside the project; not read',
    });
  });
});
