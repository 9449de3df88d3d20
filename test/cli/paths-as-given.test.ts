import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const example = 'examples/crossplane/cassandra-keyspace';
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});
async function scratch(): Promise<string> {
  const directory = await temporaryDirectory();
  created.push(directory);
  return directory;
}

describe.skipIf(!cliBuilt)('verify and review take the path as given (built CLI)', () => {
  it("verify from the repository root uses the example's project, not XRDs under test/fixtures", async () => {
    const cache = await scratch();
    const result = await runCli(['verify', example], {
      cwd: repositoryRoot,
      env: { INFRAKIT_CACHE_DIR: cache },
    });
    expect(result.stdout).not.toContain('platform.example.org');
    const locations = result.stdout.split('\n').filter((line) => /^\S+:\d+ /.test(line));
    expect(locations.length).toBeGreaterThan(0);
    for (const line of locations) expect(line.startsWith(`${example}/compositions/`)).toBe(true);
  });

  it('review prints the path as given and writes SARIF paths relative to where it ran', async () => {
    const cache = await scratch();
    const env = { INFRAKIT_CACHE_DIR: cache };
    const table = await runCli(['review', example, '--env', 'prod'], { cwd: repositoryRoot, env });
    expect(table.stdout.split('\n')[0]).toMatch(new RegExp(`^infrakit review ${example} \\(6 file`));
    const sarif = await runCli(['review', example, '--sarif'], { cwd: repositoryRoot, env });
    const uris = [...sarif.stdout.matchAll(/"uri": "([^"]+)"/g)].map((match) => match[1]);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri?.startsWith(`${example}/`)).toBe(true);
  });
});

describe.skipIf(!cliBuilt)('verify that checked nothing fails with exit 7 (built CLI)', () => {
  it('refuses an empty folder, a binary file, a tarball, an unknown format and an unreadable file', async () => {
    const cwd = await scratch();
    await mkdir(join(cwd, 'empty'));
    await writeFile(join(cwd, 'blob.yaml'), Buffer.from([0x41, 0x00, 0x42, 0xff, 0x00]));
    await writeFile(join(cwd, 'crds.tar.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]));
    await writeFile(join(cwd, 'values.yaml'), 'replicas: 2\n');
    await writeFile(join(cwd, 'locked.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    await chmod(join(cwd, 'locked.yaml'), 0o000);
    const expectations: Array<[string, string]> = [
      ['empty', 'no Kubernetes, Crossplane, CloudFormation or Terraform resources found in empty'],
      ['blob.yaml', 'blob.yaml is a binary file'],
      ['crds.tar.gz', 'crds.tar.gz is a gzip archive'],
      ['values.yaml', 'values.yaml is in no format infrakit reads'],
    ];
    // root reads any file: the unreadable case only means something for other users
    if (process.getuid?.() !== 0) expectations.push(['locked.yaml', 'cannot read locked.yaml (EACCES)']);
    for (const [path, message] of expectations) {
      const result = await runCli(['verify', path], { cwd });
      expect({ path, exitCode: result.exitCode }).toEqual({ path, exitCode: 7 });
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('nothing was checked');
    }
  });
});
