import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packDirectory } from '../../src/schemas/cache-paths.js';
import { writePack, type PackSource } from '../../src/schemas/pack.js';
import { parsePackLookup, readPackLookup, readPackShard, shardOfKey } from '../../src/schemas/pack-lookup.js';
import { registerProjectPack } from '../../src/schemas/project-index.js';
import { SchemaStore } from '../../src/schemas/store.js';
import type { KindSchema } from '../../src/schemas/schema-node.js';

const source = (name: string): PackSource => ({
  name,
  version: 'v1',
  tool: 'crossplane',
  origin: '/nowhere/gone',
  sha256: 'a'.repeat(64),
});

/** `count` kinds over a few groups, each with a field that names the pack it came from. */
function kinds(count: number, pack: string): KindSchema[] {
  return Array.from({ length: count }, (_, index) => {
    const group = `g${index % 7}.example.org`;
    const kind = `Kind${index}`;
    return {
      key: `${group}/${kind}`,
      tool: 'kubernetes',
      group,
      kind,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { type: 'object', properties: { [pack]: { type: 'string' } } },
        },
      ],
    };
  });
}

/** A project whose index registers the packs, and a cache holding them (written by writePack). */
async function projectWithPacks(packs: Array<{ id: string; kinds: KindSchema[] }>) {
  const work = await mkdtemp(join(tmpdir(), 'ik-lookup-'));
  const cacheDirectory = join(work, 'cache');
  const projectRoot = join(work, 'project');
  await mkdir(projectRoot, { recursive: true });
  for (const pack of packs) {
    await writePack(cacheDirectory, pack.id, source(pack.id), pack.kinds);
    await registerProjectPack(projectRoot, {
      id: pack.id,
      name: pack.id,
      version: 'v1',
      tool: 'crossplane',
      origin: '/nowhere/gone',
      kinds: pack.kinds.length,
      importedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  const open = () => SchemaStore.open(projectRoot, { cacheDirectory, autoCore: false });
  return { cacheDirectory, projectRoot, open };
}

describe('pack lookup (a verify reads the shards of the kinds it uses, not the manifest)', () => {
  it('splits the entries into shards by key hash, each listed with its sha256', async () => {
    const { cacheDirectory } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(100, 'one') }]);
    const lookup = (await readPackLookup(cacheDirectory, 'pack-one-f5'))!;
    expect(lookup).toMatchObject({ id: 'pack-one-f5', kinds: 100, source: source('pack-one-f5') });
    expect(lookup.shards).toHaveLength(4);
    expect(lookup.groups).toEqual([0, 1, 2, 3, 4, 5, 6].map((group) => `g${group}.example.org`));
    let total = 0;
    for (let shard = 0; shard < lookup.shards.length; shard += 1) {
      const entries = (await readPackShard(cacheDirectory, lookup, shard))!;
      for (const key of entries.keys()) expect(shardOfKey(key, lookup.shards.length)).toBe(shard);
      total += entries.size;
    }
    expect(total).toBe(100);
  });

  it('opens, finds and loads without reading manifest.json', async () => {
    const { cacheDirectory, open } = await projectWithPacks([
      { id: 'pack-one-f5', kinds: kinds(100, 'one') },
    ]);
    await writeFile(join(packDirectory(cacheDirectory, 'pack-one-f5'), 'manifest.json'), 'not json');
    const store = await open();
    expect(store.problems).toEqual([]);
    expect(store.packs).toEqual([
      { id: 'pack-one-f5', source: source('pack-one-f5'), kinds: 100, groups: 7 },
    ]);
    expect(store.hasGroup('g3.example.org')).toBe(true);
    expect(store.hasGroup('g9.example.org')).toBe(false);
    expect((await store.find('g3.example.org/Kind10'))?.entry.kind).toBe('Kind10');
    expect(await store.find('g3.example.org/Kind11')).toBeUndefined();
    expect((await store.load('g5.example.org/Kind40'))?.versions[0].schema).toEqual({
      type: 'object',
      properties: { one: { type: 'string' } },
    });
  });

  it('a later pack wins on the same key, by lookup as by the whole listing', async () => {
    const { open } = await projectWithPacks([
      { id: 'pack-one-f5', kinds: kinds(40, 'one') },
      { id: 'pack-two-f5', kinds: kinds(20, 'two') },
    ]);
    const store = await open();
    expect((await store.find('g1.example.org/Kind8'))?.packId).toBe('pack-two-f5');
    expect((await store.find('g4.example.org/Kind32'))?.packId).toBe('pack-one-f5');
    const entries = await store.entries();
    expect(entries).toHaveLength(40);
    expect(entries.find((entry) => entry.entry.key === 'g1.example.org/Kind8')?.packId).toBe('pack-two-f5');
    expect(entries.map((entry) => entry.entry.key)).toEqual(kinds(40, 'one').map((kind) => kind.key));
  });

  it('gives a pack written without a lookup (an older cache) its lookup, and reads it the same', async () => {
    const { cacheDirectory, open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(50, 'one') }]);
    const directory = packDirectory(cacheDirectory, 'pack-one-f5');
    await rm(join(directory, 'lookup.json'));
    await rm(join(directory, 'shards'), { recursive: true });
    const first = await open();
    expect((await first.find('g0.example.org/Kind7'))?.entry.kind).toBe('Kind7');
    expect((await stat(join(directory, 'lookup.json'))).isFile()).toBe(true);
    const lookup = (await readPackLookup(cacheDirectory, 'pack-one-f5'))!;
    expect(await readPackShard(cacheDirectory, lookup, 0)).toBeInstanceOf(Map);
    const second = await open();
    expect((await second.find('g0.example.org/Kind7'))?.entry.kind).toBe('Kind7');
  });

  it('refuses a shard whose sha256 is not the recorded one, and answers from the manifest', async () => {
    const { cacheDirectory, open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(64, 'one') }]);
    const lookup = (await readPackLookup(cacheDirectory, 'pack-one-f5'))!;
    const key = 'g2.example.org/Kind9';
    const shard = shardOfKey(key, lookup.shards.length);
    const file = join(packDirectory(cacheDirectory, 'pack-one-f5'), `shards/${shard}.json`);
    const altered = (JSON.parse(await readFile(file, 'utf8')) as Array<{ key: string; kind: string }>).map(
      (entry) => (entry.key === key ? { ...entry, kind: 'Forged' } : entry),
    );
    await writeFile(file, JSON.stringify(altered));
    expect(await readPackShard(cacheDirectory, lookup, shard)).toBeUndefined();
    const store = await open();
    expect((await store.find(key))?.entry.kind).toBe('Kind9');
    expect(store.problems).toEqual([]);
  });

  it('reports a lookup that does not match its manifest instead of trusting either', async () => {
    const { cacheDirectory, open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(64, 'one') }]);
    const directory = packDirectory(cacheDirectory, 'pack-one-f5');
    await writeFile(join(directory, 'shards/0.json'), '[]');
    const manifest = join(directory, 'manifest.json');
    await writeFile(manifest, `${await readFile(manifest, 'utf8')} `);
    const store = await open();
    const lookup = (await readPackLookup(cacheDirectory, 'pack-one-f5'))!;
    const inShardZero = kinds(64, 'one').find((kind) => shardOfKey(kind.key, lookup.shards.length) === 0)!;
    expect(await store.find(inShardZero.key)).toBeUndefined();
    expect(store.problems.join('\n')).toMatch(/lookup does not match its manifest.*import it again/);
  });

  it('refuses a kind file whose sha256 is not its entry’s, naming the file and the fix', async () => {
    const { cacheDirectory, open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(10, 'one') }]);
    const store = await open();
    const found = (await store.find('g3.example.org/Kind3'))!;
    const file = join(packDirectory(cacheDirectory, 'pack-one-f5'), found.entry.file);
    const forged = { ...kinds(10, 'forged')[3] };
    await writeFile(file, gzipSync(JSON.stringify(forged)));
    await expect(store.load('g3.example.org/Kind3')).rejects.toThrow(
      /schema cache is damaged: .*kinds\/3\.json\.gz does not match the sha256.*/,
    );
  });

  it('never reads a kind file outside the pack, whatever the cached entry names', async () => {
    const { cacheDirectory, open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(1, 'one') }]);
    const directory = packDirectory(cacheDirectory, 'pack-one-f5');
    await writeFile(join(cacheDirectory, 'outside.json.gz'), gzipSync(JSON.stringify(kinds(1, 'x')[0])));
    await rm(join(directory, 'lookup.json'));
    const manifestFile = join(directory, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { kinds: Array<{ file: string }> };
    manifest.kinds[0].file = '../../outside.json.gz';
    await writeFile(manifestFile, JSON.stringify(manifest));
    const store = await open();
    await expect(store.load('g0.example.org/Kind0')).rejects.toThrow(/is not a kind file of a pack/);
  });

  it('skips a pack id in the project index that is not a plain name', async () => {
    const { cacheDirectory, projectRoot, open } = await projectWithPacks([
      { id: 'pack-one-f5', kinds: kinds(3, 'one') },
    ]);
    await writePack(join(cacheDirectory, 'elsewhere'), 'evil-f5', source('evil'), kinds(3, 'evil'));
    await registerProjectPack(projectRoot, {
      id: '../elsewhere/schemas/evil-f5',
      name: 'evil',
      version: 'v1',
      tool: 'crossplane',
      origin: '/nowhere/gone',
      kinds: 3,
      importedAt: '2026-01-01T00:00:00.000Z',
    });
    const store = await open();
    expect(store.packs.map((pack) => pack.id)).toEqual(['pack-one-f5']);
    expect(store.problems.join('\n')).toMatch(/"\.\.\/elsewhere\/schemas\/evil-f5".*is not a pack id/);
    expect(() => packDirectory(cacheDirectory, '..')).toThrow(/not a schema pack id/);
  });

  it('accepts only a well-formed lookup of the pack asked for', () => {
    const valid = {
      format: 1,
      id: 'p-f5',
      source: source('p'),
      kinds: 2,
      manifestSha256: 'b'.repeat(64),
      groups: ['g'],
      shards: ['c'.repeat(64)],
    };
    expect(parsePackLookup(valid, 'p-f5')).toEqual(valid);
    expect(parsePackLookup(valid, 'other-f5')).toBeUndefined();
    expect(parsePackLookup({ ...valid, shards: [] }, 'p-f5')).toBeUndefined();
    expect(parsePackLookup({ ...valid, shards: ['../x'] }, 'p-f5')).toBeUndefined();
    expect(parsePackLookup({ ...valid, kinds: -1 }, 'p-f5')).toBeUndefined();
    expect(parsePackLookup({ ...valid, groups: [1] }, 'p-f5')).toBeUndefined();
    expect(parsePackLookup({ ...valid, format: 2 }, 'p-f5')).toBeUndefined();
  });

  it('finds a CloudFormation type asked for twice at once (both wait for the built-in pack)', async () => {
    const { open } = await projectWithPacks([{ id: 'pack-one-f5', kinds: kinds(3, 'one') }]);
    const store = await open();
    const [first, second] = await Promise.all([store.find('AWS::S3::Bucket'), store.find('AWS::SQS::Queue')]);
    expect(first?.source.name).toBe('aws-service-spec');
    expect(second?.entry.key).toBe('AWS::SQS::Queue');
    expect(store.packs.map((pack) => pack.source.name)).toEqual(['aws-service-spec', 'pack-one-f5']);
    expect((await store.load('AWS::SQS::Queue'))?.attributes).toContain('Arn');
  });
});
