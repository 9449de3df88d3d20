import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { dump, loadAll } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

const SHARED_CRDS = '/work/shared/crds';
const PROVIDER = join(SHARED_CRDS, 'provider-upjet-aws-v2.6.0');
const CORE = join(SHARED_CRDS, 'crossplane-v2.3.4');
const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'examples', 'crossplane', 'cassandra-keyspace');
/** Absolute paths: the fake programs run with a PATH that holds only themselves. */
const CAT = (await execa('sh', ['-c', 'command -v cat'])).stdout.trim();
const GZIP = (await execa('sh', ['-c', 'command -v gzip'])).stdout.trim();
const haveShared = existsSync(PROVIDER) && existsSync(CORE);
if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);
if (!haveShared) console.warn(`skipped: ${SHARED_CRDS} (the real provider and Crossplane CRDs) is absent`);

const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});
async function scratch(): Promise<string> {
  const directory = await temporaryDirectory('infrakit-init-schemas-');
  created.push(directory);
  return directory;
}

/** A PATH of fake programs only (init runs with --no-git, so git is not needed). */
async function fakeBin(programs: Record<string, string>): Promise<string> {
  const bin = join(await scratch(), 'bin');
  await mkdir(bin);
  for (const [name, script] of Object.entries(programs)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${script}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

async function initCrossplane(cwd: string, env: Record<string, string>, directory = 'infra') {
  const cache = join(await scratch(), 'cache');
  const result = await runCli(['init', directory, '--iac', 'crossplane', '--no-git'], {
    cwd,
    env: { PATH: await fakeBin({}), INFRAKIT_CACHE_DIR: cache, NO_COLOR: '1', ...env },
  });
  return { ...result, cache, root: join(cwd, directory) };
}

async function strictVerify(root: string, cache: string) {
  await cp(join(EXAMPLE, 'compositions'), join(root, 'compositions'), { recursive: true });
  return runCli(['verify', 'compositions', '--strict'], {
    cwd: root,
    env: { PATH: await fakeBin({}), INFRAKIT_CACHE_DIR: cache, NO_COLOR: '1' },
  });
}

/** A `kubectl get crd -o yaml` answer: a List of the given CRD files' documents. */
async function crdList(files: string[]): Promise<string> {
  const items = [];
  for (const file of files) items.push(...loadAll(await readFile(file, 'utf8')));
  return dump({ apiVersion: 'v1', kind: 'List', items });
}

describe.skipIf(!cliBuilt || !haveShared)('infrakit init finds the schemas the project needs', () => {
  it('imports the CRDs named by INFRAKIT_CRDS and INFRAKIT_CROSSPLANE_CRDS, so the example verifies with --strict', async () => {
    const cwd = await scratch();
    const init = await initCrossplane(cwd, { INFRAKIT_CRDS: PROVIDER, INFRAKIT_CROSSPLANE_CRDS: CORE });
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toMatch(
      /schemas: imported provider-upjet-aws v2\.6\.0, \d+ kinds, from INFRAKIT_CRDS/,
    );
    expect(init.stdout).toMatch(
      /schemas: imported crossplane v2\.3\.4, 5 kinds, from INFRAKIT_CROSSPLANE_CRDS/,
    );
    expect(init.stdout).not.toContain('infrakit schemas import');
    const verify = await strictVerify(init.root, init.cache);
    expect(verify.stdout + verify.stderr).toContain('every field matches its schema');
    expect(verify.stdout).not.toContain('IK-UNVERIFIABLE');
    expect(verify.exitCode).toBe(0);
  });

  it('finds a crds/ folder beside the project (the tarball-or-folder layout of shared/crds)', async () => {
    const parent = await scratch();
    await mkdir(join(parent, 'crds'));
    await symlink(PROVIDER, join(parent, 'crds', 'provider-upjet-aws-v2.6.0'));
    await symlink(CORE, join(parent, 'crds', 'crossplane-v2.3.4'));
    const init = await initCrossplane(parent, {});
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toMatch(/imported provider-upjet-aws v2\.6\.0, \d+ kinds, from beside the project/);
    expect(init.stdout).toMatch(/imported crossplane v2\.3\.4, 5 kinds, from beside the project/);
  });

  it("reads a live cluster's CRDs through kubectl from the user's PATH when a context is configured", async () => {
    const answers = await scratch();
    await writeFile(
      join(answers, 'crds.yaml'),
      await crdList([
        join(CORE, 'apiextensions.crossplane.io_compositions.yaml'),
        join(PROVIDER, 'keyspaces.aws.m.upbound.io_keyspaces.yaml'),
      ]),
    );
    const calls = join(answers, 'calls.txt');
    const kubectl = [
      `echo "$*" >> '${calls}'`,
      'case "$*" in',
      '  "config current-context") echo kind-dev ;;',
      `  "get crd -o yaml"*) ${CAT} '${join(answers, 'crds.yaml')}' ;;`,
      '  *) exit 9 ;;',
      'esac',
    ].join('\n');
    const cwd = await scratch();
    const cache = join(cwd, 'cache');
    const result = await runCli(['init', 'infra', '--iac', 'crossplane', '--no-git'], {
      cwd,
      env: { PATH: await fakeBin({ kubectl }), INFRAKIT_CACHE_DIR: cache, NO_COLOR: '1' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /imported cluster kind-dev live, 2 kinds, from the cluster of kubectl context kind-dev/,
    );
    expect((await readFile(calls, 'utf8')).trim().split('\n')).toEqual([
      'config current-context',
      'get crd -o yaml --request-timeout=20s',
    ]);
    expect(result.stdout).not.toContain('infrakit schemas import');
  });

  it('pulls a provider package through crossplane xpkg extract when nothing else has the provider CRDs', async () => {
    const crd = join(PROVIDER, 's3.aws.m.upbound.io_buckets.yaml');
    const available = existsSync(crd) ? crd : join(PROVIDER, 'kms.aws.m.upbound.io_keys.yaml');
    const crossplane = `[ "$1 $2" = "xpkg extract" ] && [ "$4" = "-o" ] || exit 3\n${GZIP} -c '${available}' > "$5"`;
    const cwd = await scratch();
    const init = await initCrossplane(cwd, {
      PATH: await fakeBin({ crossplane }),
      INFRAKIT_CROSSPLANE_CRDS: CORE,
      INFRAKIT_PROVIDER_PACKAGES: 'xpkg.upbound.io/upbound/provider-aws-kms:v2.6.0',
    });
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toMatch(
      /imported provider-aws-kms v2\.6\.0, 1 kinds, from crossplane xpkg extract xpkg\.upbound\.io\/upbound\/provider-aws-kms:v2\.6\.0/,
    );
  });

  it('says in one line what to run when no schema can be found, and the example then fails --strict', async () => {
    const cwd = await scratch();
    const init = await initCrossplane(cwd, {});
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain("schemas: missing Crossplane's core kinds");
    expect(init.stdout).toContain('schemas: missing AWS provider CRDs (provider-upjet-aws)');
    const next = init.stdout.slice(init.stdout.indexOf('Next:')).split('\n');
    expect(next[2]?.trim()).toMatch(
      /^git clone --depth 1 --branch v2\.3\.4 .* && infrakit schemas import crossplane-v2\.3\.4\/cluster\/crds && git clone .* && infrakit schemas import provider-upjet-aws-v2\.6\.0\/package\/crds {3}# or, on a cluster: kubectl get crd -o yaml > cluster-crds\.yaml && infrakit schemas import cluster-crds\.yaml; or set INFRAKIT_CRDS/,
    );
    const verify = await strictVerify(init.root, init.cache);
    expect(verify.stdout).toContain('IK-UNVERIFIABLE');
    expect(verify.exitCode).not.toBe(0);
  });

  it('never runs a kubectl that lives inside the project', async () => {
    const cwd = await scratch();
    const root = join(cwd, 'infra');
    await mkdir(join(root, 'bin'), { recursive: true });
    const marker = join(cwd, 'ran');
    await writeFile(join(root, 'bin', 'kubectl'), `#!/bin/sh\ntouch '${marker}'\necho ctx\n`);
    await chmod(join(root, 'bin', 'kubectl'), 0o755);
    const result = await runCli(['init', 'infra', '--iac', 'crossplane', '--no-git', '--force'], {
      cwd,
      env: { PATH: join(root, 'bin'), INFRAKIT_CACHE_DIR: join(cwd, 'cache'), NO_COLOR: '1' },
    });
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});
