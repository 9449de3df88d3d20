import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import subset from 'semver/ranges/subset.js';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(resolve(root, file), 'utf8')) as unknown;

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('Node.js support', () => {
  const manifest = readJson('package.json') as { engines: { node: string } };
  const lock = readJson('package-lock.json') as { packages: Record<string, LockEntry> };

  it('declares Node.js 20.19 as the oldest it runs on', () => {
    expect(manifest.engines.node).toBe('>=20.19');
  });

  it('locks no package whose declared engines refuse a Node.js 20 from 20.19 on', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return node && !subset('^20.19.0', node)
          ? [`${path}@${entry.version ?? '?'} wants node ${node}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });
});
